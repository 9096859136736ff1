import {describe, expect, test} from 'vitest';
import type {OperatorFile} from '../../source/domain/operator-file.js';
import {updateOperatorFile} from '../../source/ui/operator-file-updates.js';

/** A store whose operator file is read and written with a turn of the event loop in between, as a disk's. */
const slowStore = (failFirstWrite = false) => {
	let saved: OperatorFile = {};
	let writes = 0;
	const turn = () => new Promise((resolve) => setTimeout(resolve, 5));
	return {
		get saved() {
			return saved;
		},
		operatorFile: async () => {
			await turn();
			return saved;
		},
		saveOperatorFile: async (_operator: string, content: OperatorFile) => {
			await turn();
			writes++;
			if (failFirstWrite && writes === 1) throw new Error('disk full');
			saved = content;
		},
	};
};

describe('updates of the operator file, one after another', () => {
	test('two parts of the console changing it at once both keep their change', async () => {
		const store = slowStore();
		await Promise.all([
			updateOperatorFile(store, 'ana', (file) => ({...file, firstSeenAt: '2026-12-01T00:00:00.000Z'})),
			updateOperatorFile(store, 'ana', (file) => ({
				...file,
				views: {mine: {screen: 'tickets', filter: 'owner:@me', sort: {column: 'due', descending: false}}},
			})),
		]);
		expect(store.saved.firstSeenAt).toBe('2026-12-01T00:00:00.000Z');
		expect(Object.keys(store.saved.views ?? {})).toEqual(['mine']);
	});

	test('an update that fails is said to its caller, and the next one still runs', async () => {
		const store = slowStore(true);
		const first = updateOperatorFile(store, 'ana', (file) => ({...file, defaultViews: {tickets: 'mine'}}));
		const second = updateOperatorFile(store, 'ana', (file) => ({...file, firstSeenAt: '2026-12-01T00:00:00.000Z'}));
		await expect(first).rejects.toThrow('disk full');
		await expect(second).resolves.toEqual({firstSeenAt: '2026-12-01T00:00:00.000Z'});
	});

	test('with no change asked, the file is written back as it was', async () => {
		const store = slowStore();
		await expect(updateOperatorFile(store, 'ana', (file) => file)).resolves.toEqual({});
	});
});
