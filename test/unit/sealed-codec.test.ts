import {readFile, writeFile} from 'node:fs/promises';
import {join} from 'node:path';
import {describe, expect, test} from 'vitest';
import {writeFileDurably} from '../../source/store/durable-json-file.js';
import {SealError} from '../../source/store/sealed/seal-error.js';
import {isSealed} from '../../source/store/sealed/seal-format.js';
import {MasterKey} from '../../source/store/sealed/seal-keys.js';
import {sealedBytes} from '../../source/store/sealed/sealed-codec.js';
import {readDataText} from '../../source/store/sealed/set-sealing.js';
import {tempFolder} from '../support/temp-folder.js';

/**
 * A sealed data set's ByteCodec through the store's own writer and reader (issue 22): the text comes
 * back whole, the bytes on disk hold none of it, and what is not a file of this key is refused.
 */
const key = new MasterKey(Buffer.alloc(32, 1));
const other = new MasterKey(Buffer.alloc(32, 2));

const codeOf = async (work: Promise<unknown>): Promise<string> =>
	work.then(
		() => 'opened',
		(error: unknown) => {
			if (error instanceof SealError) return error.code;
			throw error;
		},
	);

describe('sealedBytes', () => {
	test.each([
		['the empty text', ''],
		['one record', JSON.stringify({customers: [{name: 'Zhang Wei', email: 'zhang.wei@example.cn'}]})],
		['Chinese, and a pair of surrogates', '{"name":"王芳 🧧"}'],
		// More than the UTF-8 encoder's chunk (4 Mi code units): the writer's buffer is reused in between.
		['a text of several encoder chunks', `{"notes":"${'客户 ada@example.com '.repeat(400_000)}"}`],
	])('%s: written sealed by writeFileDurably, read back by readDataText', async (_, text) => {
		const file = join(tempFolder('sealed-codec'), 'crm.json');
		await writeFileDurably(file, text, undefined, sealedBytes(key));
		const bytes = await readFile(file);
		expect(isSealed(bytes)).toBe(true);
		expect(bytes.includes(Buffer.from('example'))).toBe(false);
		expect((await readDataText(file, sealedBytes(key)))?.text).toBe(text);
	});

	test('a file of another key, a plain file and a cut file are refused, naming the file', async () => {
		const folder = tempFolder('sealed-codec');
		const sealed = join(folder, 'crm.json');
		await writeFileDurably(sealed, '{"customers":[]}', undefined, sealedBytes(key));
		expect(await codeOf(readDataText(sealed, sealedBytes(other)))).toBe('wrong_key');
		const plain = join(folder, 'plain.json');
		await writeFile(plain, '{"customers":[]}');
		expect(await codeOf(readDataText(plain, sealedBytes(key)))).toBe('not_sealed');
		const cut = join(folder, 'cut.json');
		await writeFile(cut, (await readFile(sealed)).subarray(0, -1));
		const refused = await readDataText(cut, sealedBytes(key)).catch((error: unknown) => error as SealError);
		expect(refused).toBeInstanceOf(SealError);
		expect((refused as SealError).message).toContain(cut);
	});

	test('a missing file is none, as with plain bytes', async () => {
		expect(await readDataText(join(tempFolder('sealed-codec'), 'none.json'), sealedBytes(key))).toBeNull();
	});
});
