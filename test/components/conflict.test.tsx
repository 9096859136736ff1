import {readFileSync} from 'node:fs';
import {cleanup} from 'ink-testing-library';
import {afterEach, expect, test} from 'vitest';
import {CrmStore} from '../../source/store/store.js';
import {customer, datasetOf} from '../support/fixtures.js';
import {keys, renderConsole} from '../support/render-console.js';

afterEach(() => cleanup());

const ctrlS = '\u0013';

/** Opens Acme's form, changes its phone; meanwhile another operator changes Acme's email and company. */
const editMeanwhile = async () => {
	const screen = await renderConsole({
		dataset: datasetOf({
			customers: [customer({name: 'Acme', company: 'Acme Corp', email: 'ops@acme.io', phone: '111'})],
		}),
		width: 100,
		height: 30,
	});
	await screen.waitFor((text) => text.includes('Acme'));
	await screen.press('e');
	await screen.waitFor((text) => text.includes('Edit customer'));
	// Name → Company → Email → Phone: the phone is the fourth field.
	await screen.press(`${keys.tab}${keys.tab}${keys.tab}${keys.ctrlU}222`);
	const other = await CrmStore.open(screen.file);
	const acme = other.data.customers[0]!;
	await other.apply(
		[
			{
				kind: 'update',
				entity: 'customers',
				id: acme.id,
				version: acme.version,
				values: {email: 'hello@acme.io', company: 'Acme Group'},
			},
		],
		'bea',
	);
	await screen.press(ctrlS);
	const frame = await screen.waitFor((text) => text.includes('while you were editing it'), 'the conflict');
	return {screen, frame};
};

test('a save over someone else’s newer save shows both sides, field by field, and saves nothing until chosen', async () => {
	const {screen, frame} = await editMeanwhile();
	expect(frame).toContain('bea saved “Acme” while you were editing it (now version 2, you opened 1).');
	expect(frame).toMatch(/Company\s+Acme Corp\s+Acme Group\s+\(same\)/);
	expect(frame).toMatch(/Email\s+ops@acme\.io\s+hello@acme\.io\s+\(same\)/);
	expect(frame).toMatch(/Phone\s+111\s+\(same\)\s+222/);
	expect(frame).toContain('r reload theirs and re-apply yours · o overwrite with yours · c or Esc cancel');
	expect((await CrmStore.open(screen.file)).data.customers[0]).toMatchObject({
		phone: '111',
		email: 'hello@acme.io',
		version: 2,
	});

	// Cancel: back to the form, still holding the operator's input.
	await screen.press('c');
	const back = await screen.waitFor((text) => text.includes('Edit customer') && text.includes('Not saved'));
	expect(back).toMatch(/Phone\s+222/);
});

test('r reloads their version and re-applies only what this operator changed: both changes survive', async () => {
	const {screen} = await editMeanwhile();
	await screen.press('r');
	await screen.waitFor((text) => text.includes('Saved customer “Acme”.'), 'the save');
	expect((await CrmStore.open(screen.file)).data.customers[0]).toMatchObject({
		phone: '222',
		email: 'hello@acme.io',
		company: 'Acme Group',
		version: 3,
	});
});

test('o overwrites with the form as it is: their changes are replaced, and the log keeps both', async () => {
	const {screen} = await editMeanwhile();
	await screen.press('o');
	await screen.waitFor((text) => text.includes('Saved customer “Acme”.'), 'the save');
	const saved = (await CrmStore.open(screen.file)).data;
	expect(saved.customers[0]).toMatchObject({phone: '222', email: 'ops@acme.io', company: 'Acme Corp', version: 3});
	expect(saved.changes.map((entry) => entry.operator)).toEqual(['bea', 'tester']);
});

test('a full disk: the save is refused in words, the form keeps the input, the file keeps its bytes', async () => {
	const screen = await renderConsole({
		dataset: datasetOf({customers: [customer({name: 'Acme'})]}),
		width: 100,
		height: 30,
	});
	await screen.waitFor((text) => text.includes('Acme'));
	const before = readFileSync(screen.file);
	const full = Object.assign(new Error('ENOSPC: no space left on device, write'), {code: 'ENOSPC', syscall: 'write'});
	(screen.store as unknown as {db: {write: () => Promise<void>}}).db.write = async () => {
		throw full;
	};
	await screen.press('e');
	await screen.waitFor((text) => text.includes('Edit customer'));
	await screen.press(`${keys.ctrlU}Acme Renamed${ctrlS}`);
	const frame = await screen.waitFor((text) => text.includes('Not saved: the disk holding'), 'the refusal');
	expect(frame).toContain('Edit customer');
	expect(frame).toContain('Acme Renamed');
	expect(readFileSync(screen.file).equals(before)).toBe(true);
	expect(screen.store.data.customers[0]!.name).toBe('Acme');
});
