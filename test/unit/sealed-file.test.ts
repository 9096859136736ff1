import {randomBytes} from 'node:crypto';
import {describe, expect, test} from 'vitest';
import {SealError, type SealErrorCode} from '../../source/store/sealed/seal-error.js';
import {openBytes, sealBytes, sealedPieces} from '../../source/store/sealed/seal-file.js';
import {defaultChunk, isSealed, readSealedHeader, tagLength} from '../../source/store/sealed/seal-format.js';
import {MasterKey} from '../../source/store/sealed/seal-keys.js';
import {openChunks, SealReader, SealWriter, sealChunks} from '../../source/store/sealed/seal-stream.js';

/** Sealed files of format v1 (issue 22): round trips, streaming, and every kind of damage refused. */
const key = new MasterKey(Buffer.alloc(32, 7));
const otherKey = new MasterKey(Buffer.alloc(32, 8));

/** The code of the SealError `run` throws, or 'opened' when it returns. */
const codeOf = (run: () => unknown): SealErrorCode | 'opened' => {
	try {
		run();
	} catch (error) {
		if (error instanceof SealError) return error.code;
		throw error;
	}
	return 'opened';
};

/** A deterministic generator of piece sizes (a test that fails says the same thing twice). */
const sizes = (seed: number, max: number) => {
	let state = seed;
	return () => {
		state = (state * 1103515245 + 12345) % 2 ** 31;
		return state % (max + 1);
	};
};

async function* piecesOf(bytes: Uint8Array, next: () => number): AsyncGenerator<Uint8Array> {
	let offset = 0;
	while (offset < bytes.length) {
		const size = next();
		yield bytes.subarray(offset, offset + size);
		offset += size;
	}
}

const collect = async (source: AsyncIterable<Buffer>): Promise<Buffer> => {
	const pieces: Buffer[] = [];
	for await (const piece of source) pieces.push(piece);
	return Buffer.concat(pieces);
};

const headerLength = (sealed: Buffer): number => 10 + sealed.readUInt16BE(8);

describe('a round trip', () => {
	const small = 16;
	test.each([
		['empty', 0, small],
		['one byte', 1, small],
		['chunk - 1', small - 1, small],
		['chunk', small, small],
		['chunk + 1', small + 1, small],
		['3 chunks', 3 * small, small],
		['many small chunks', 1000, small],
		['empty, default chunk', 0, defaultChunk],
		['chunk - 1, default chunk', defaultChunk - 1, defaultChunk],
		['chunk, default chunk', defaultChunk, defaultChunk],
		['chunk + 1, default chunk', defaultChunk + 1, defaultChunk],
		['3 chunks, default chunk', 3 * defaultChunk, defaultChunk],
		['about 1 MB', 1_000_003, defaultChunk],
	])('%s (%i bytes, chunk %i) opens to the same bytes; every chunk but the last is whole', (_, length, chunk) => {
		const plain = randomBytes(length);
		const sealed = sealBytes(plain, key, {chunk});
		expect(isSealed(sealed)).toBe(true);
		// floor(n / chunk) whole chunks and one shorter final one, each with its tag.
		expect(sealed.length - headerLength(sealed)).toBe(length + (Math.floor(length / chunk) + 1) * tagLength);
		expect(openBytes(sealed, key).equals(plain)).toBe(true);
	});

	test('two seals of the same bytes share no salt, nonce or ciphertext', () => {
		const plain = Buffer.from('{"customers":[]}');
		const [one, two] = [sealBytes(plain, key), sealBytes(plain, key)];
		const [first, second] = [readSealedHeader(one), readSealedHeader(two)];
		expect(first.salt.equals(second.salt)).toBe(false);
		expect(first.nonce.equals(second.nonce)).toBe(false);
		expect(one.subarray(headerLength(one)).equals(two.subarray(headerLength(two)))).toBe(false);
	});

	test('the ciphertext never holds a customer email or name of the plaintext', () => {
		const plain = Buffer.from(
			JSON.stringify({customers: [{name: 'Ada Lovelace', email: 'ada@example.com', phone: '+44 20 7946 0000'}]}),
		);
		for (const chunk of [16, defaultChunk]) {
			const sealed = sealBytes(plain, key, {chunk});
			for (const words of ['ada@example.com', 'Ada Lovelace', '7946', 'customers'])
				expect(sealed.includes(Buffer.from(words)), words).toBe(false);
		}
	});
});

describe('streaming', () => {
	test.each([
		[0, 16, 1, 7],
		[1, 16, 2, 3],
		[100, 16, 3, 40],
		[1000, 16, 4, 17],
		[300_000, defaultChunk, 5, 70_000],
		[3 * defaultChunk, defaultChunk, 6, 65_536],
	])(
		'%i bytes (chunk %i) fed in random pieces (seed %i, up to %i) open as openBytes does',
		async (length, chunk, seed, max) => {
			const plain = randomBytes(length);
			const sealed = sealBytes(plain, key, {chunk});
			expect((await collect(openChunks(piecesOf(sealed, sizes(seed, max)), key))).equals(plain)).toBe(true);
			// And sealed as a stream: the same layout as sealBytes, opening to the same bytes.
			const streamed = await collect(sealChunks(piecesOf(plain, sizes(seed + 100, max)), key, {chunk}));
			expect(streamed.length).toBe(sealed.length);
			expect(openBytes(streamed, key).equals(plain)).toBe(true);
		},
	);

	/**
	 * A writer that makes its bytes in one buffer, overwritten after each push (as the data file's UTF-8
	 * is made), and a reader fed the same way: what either keeps between pushes is its own copy.
	 */
	test.each([
		[0, 16, 7],
		[5, 16, 7],
		[1000, 16, 7],
		[1000, 16, 16],
		[200_000, defaultChunk, 50_000],
	])('%i bytes (chunk %i) pushed from one reused buffer of %i bytes', (length, chunk, size) => {
		const plain = randomBytes(length);
		const buffer = Buffer.alloc(size);
		const through = <T extends {push: (piece: Uint8Array) => Buffer[]}>(from: Buffer, to: T): Buffer[] => {
			const out: Buffer[] = [];
			for (let offset = 0; offset < from.length; offset += size) {
				const piece = buffer.subarray(0, from.copy(buffer, 0, offset, offset + size));
				out.push(...to.push(piece).map((each) => Buffer.from(each)));
				buffer.fill(0xee);
			}
			return out;
		};
		const writer = new SealWriter(key, {chunk});
		const sealed = Buffer.concat([writer.header, ...through(plain, writer), ...writer.end()]);
		expect(openBytes(sealed, key).equals(plain)).toBe(true);
		const reader = new SealReader(key);
		expect(Buffer.concat([...through(sealed, reader), ...reader.end()]).equals(plain)).toBe(true);
	});

	test('a chunk is yielded as soon as it is verified, before the source ends', async () => {
		const plain = randomBytes(100);
		const sealed = sealBytes(plain, key, {chunk: 16});
		const seen: number[] = [];
		async function* slowly() {
			for (let offset = 0; offset < sealed.length; offset += 10) {
				seen.push(offset);
				yield sealed.subarray(offset, offset + 10);
			}
		}
		const iterator = openChunks(slowly(), key)[Symbol.asyncIterator]();
		const first = await iterator.next();
		expect(first.value).toEqual(plain.subarray(0, 16));
		expect(seen.at(-1)).toBeLessThan(sealed.length - 10);
	});

	test.each([
		['a wrong key', () => sealBytes(randomBytes(100), otherKey, {chunk: 16}), 'wrong_key'],
		['a plain JSON file', () => Buffer.from('{"schemaVersion":2,"customers":[]}'), 'not_sealed'],
	])('%s is refused from the first piece, before the rest of the source is read', async (_, bytes, code) => {
		const sealed = bytes();
		let pulled = 0;
		async function* source() {
			// The header whole in the first piece, then the body ten bytes at a time.
			for (let offset = 0; offset < sealed.length; offset += offset === 0 ? 250 : 10) {
				pulled++;
				yield sealed.subarray(offset, offset + (offset === 0 ? 250 : 10));
			}
		}
		await expect(collect(openChunks(source(), key))).rejects.toMatchObject({code});
		expect(pulled).toBe(1);
	});

	test('a truncated stream throws at its end, after the chunks that verified', async () => {
		const plain = randomBytes(100);
		const sealed = sealBytes(plain, key, {chunk: 16});
		const cut = sealed.subarray(0, headerLength(sealed) + 2 * (16 + tagLength));
		await expect(collect(openChunks(piecesOf(cut, sizes(9, 13)), key))).rejects.toMatchObject({code: 'truncated'});
	});
});

describe('damage', () => {
	const plain = Buffer.from('Ada Lovelace, ada@example.com, +44 20 7946 0000');
	const sealedFile = sealBytes(plain, key, {chunk: 16});

	// A passphrase's key, without the scrypt: its costs in the header are checked by the AAD alone.
	const passphrase = new MasterKey(Buffer.alloc(32, 5), {
		kind: 'passphrase',
		scrypt: {N: 1024, r: 8, p: 1, salt: Buffer.alloc(16, 6)},
	});

	test.each([
		['a key file', key],
		['a passphrase', passphrase],
	])(
		'every single-bit flip (key of %s) is refused: in the magic, the length, the header JSON, the body',
		(_, master) => {
			const sealedFile = sealBytes(plain, master, {chunk: 16});
			const header = headerLength(sealedFile);
			const expected = (byte: number): SealErrorCode[] => {
				if (byte < 8) return ['not_sealed', 'unsupported'];
				if (byte < 10) return ['truncated', 'damaged'];
				if (byte < header) return ['damaged', 'unsupported', 'wrong_key'];
				return ['damaged'];
			};
			const wrong: string[] = [];
			for (let bit = 0; bit < sealedFile.length * 8; bit++) {
				const flipped = Buffer.from(sealedFile);
				flipped[bit >> 3]! ^= 1 << (bit & 7);
				const code = codeOf(() => openBytes(flipped, master));
				if (!expected(bit >> 3).includes(code as SealErrorCode)) wrong.push(`bit ${bit}: ${code}`);
			}
			expect(wrong).toEqual([]);
		},
	);

	test('truncation at every length from 0 to the whole file is refused, at a chunk boundary as truncated', async () => {
		const header = headerLength(sealedFile);
		const wrong: string[] = [];
		for (let length = 0; length < sealedFile.length; length++) {
			const cut = sealedFile.subarray(0, length);
			const code = codeOf(() => openBytes(cut, key));
			const boundary = length <= header || (length - header) % (16 + tagLength) === 0;
			const allowed = boundary ? ['truncated'] : ['truncated', 'damaged'];
			if (!allowed.includes(code)) wrong.push(`${length} bytes: ${code}`);
			const streamed = await collect(openChunks(piecesOf(cut, sizes(length + 1, 20)), key)).then(
				() => 'opened',
				(error: SealError) => error.code,
			);
			if (streamed !== code) wrong.push(`${length} bytes streamed: ${streamed}, not ${code}`);
		}
		expect(wrong).toEqual([]);
	});

	test('two chunks swapped are damaged', () => {
		const header = headerLength(sealedFile);
		const segment = 16 + tagLength;
		const swapped = Buffer.concat([
			sealedFile.subarray(0, header),
			sealedFile.subarray(header + segment, header + 2 * segment),
			sealedFile.subarray(header, header + segment),
			sealedFile.subarray(header + 2 * segment),
		]);
		expect(swapped.length).toBe(sealedFile.length);
		expect(codeOf(() => openBytes(swapped, key))).toBe('damaged');
	});

	test.each([
		['one byte', Buffer.from([0])],
		['a tag’s worth', Buffer.alloc(tagLength)],
		['a whole chunk and more', randomBytes(16 + tagLength + 1)],
		['the file again', sealedFile],
	])('bytes appended after the final chunk (%s) are damaged', (_, extra) => {
		expect(codeOf(() => openBytes(Buffer.concat([sealedFile, extra]), key))).toBe('damaged');
	});

	test('a chunk from another file sealed with the same key is damaged', () => {
		const other = sealBytes(plain, key, {chunk: 16});
		const header = headerLength(sealedFile);
		const mixed = Buffer.concat([sealedFile.subarray(0, header), other.subarray(headerLength(other))]);
		expect(codeOf(() => openBytes(mixed, key))).toBe('damaged');
	});

	test('the message names the file and the chunk', () => {
		const flipped = Buffer.from(sealedFile);
		flipped[headerLength(sealedFile) + 16 + tagLength]! ^= 1;
		expect(() => openBytes(flipped, key, {file: '/srv/crm/crm.json'})).toThrow(
			'/srv/crm/crm.json is damaged (chunk 2 fails its check',
		);
	});
});

describe('the header', () => {
	test('a wrong key is said before any chunk is read, naming both ids', () => {
		const sealed = sealBytes(Buffer.from('x'), key);
		const damagedBody = Buffer.concat([sealed.subarray(0, headerLength(sealed)), Buffer.alloc(40)]);
		for (const bytes of [sealed, damagedBody]) {
			try {
				openBytes(bytes, otherKey, {file: 'crm.json'});
				expect.unreachable();
			} catch (error) {
				expect(error).toMatchObject({code: 'wrong_key', file: 'crm.json'});
				expect((error as Error).message).toBe(
					`crm.json is sealed with key ${key.id}, not with the key given (${otherKey.id}): give the key file (CRM_KEY_FILE) or the passphrase it was sealed with.`,
				);
			}
		}
	});

	const withHeader = (json: object): Buffer => {
		const bytes = Buffer.from(JSON.stringify(json));
		const length = Buffer.alloc(2);
		length.writeUInt16BE(bytes.length);
		return Buffer.concat([Buffer.from('CRMSEAL1'), length, bytes, Buffer.alloc(32)]);
	};
	const emptySealed = sealBytes(Buffer.alloc(0), key);
	const good = JSON.parse(emptySealed.subarray(10, headerLength(emptySealed)).toString('utf8'));

	test('a passphrase header whose scrypt costs were changed (still valid) is damaged: the header is authenticated whole', () => {
		const master = new MasterKey(Buffer.alloc(32, 5), {
			kind: 'passphrase',
			scrypt: {N: 1024, r: 8, p: 1, salt: Buffer.alloc(16, 6)},
		});
		const sealed = sealBytes(Buffer.from('x'), master);
		const text = sealed.toString('latin1');
		expect(text).toContain('"N":1024');
		const changed = Buffer.from(text.replace('"N":1024', '"N":2048'), 'latin1');
		expect(readSealedHeader(changed).key).toMatchObject({kind: 'passphrase', scrypt: {N: 2048}});
		expect(codeOf(() => openBytes(changed, master))).toBe('damaged');
	});

	test.each([
		['v 2', {v: 2}, 'unsupported'],
		['no v', {v: undefined}, 'unsupported'],
		['another algorithm', {alg: 'chacha20-poly1305'}, 'unsupported'],
		['a chunk too large', {chunk: 64 * 1024 * 1024}, 'unsupported'],
		['a chunk of 0', {chunk: 0}, 'damaged'],
		['a chunk of 1.5', {chunk: 1.5}, 'damaged'],
		['a salt of 15 bytes', {salt: Buffer.alloc(15).toString('base64')}, 'damaged'],
		['a nonce of 8 bytes', {nonce: Buffer.alloc(8).toString('base64')}, 'damaged'],
		['a nonce that is not base64', {nonce: '!!!!!!!!!!!!'}, 'damaged'],
		['no key', {key: null}, 'damaged'],
		['a key id not hex', {key: {id: 'zzzzzzzzzzzzzzzz', kind: 'file'}}, 'damaged'],
		['a key of no known kind', {key: {id: key.id, kind: 'card'}}, 'damaged'],
		[
			'scrypt with r 16',
			{key: {id: key.id, kind: 'passphrase', scrypt: {N: 1024, r: 16, p: 1, salt: good.salt}}},
			'unsupported',
		],
		[
			'scrypt with N 2^30',
			{key: {id: key.id, kind: 'passphrase', scrypt: {N: 2 ** 30, r: 8, p: 1, salt: good.salt}}},
			'unsupported',
		],
		[
			'scrypt with N 1000',
			{key: {id: key.id, kind: 'passphrase', scrypt: {N: 1000, r: 8, p: 1, salt: good.salt}}},
			'damaged',
		],
	])('a header with %s is refused', (_, change, code) => {
		expect(codeOf(() => openBytes(withHeader({...good, ...change}), key))).toBe(code);
	});

	test.each([
		['empty', '', 'truncated'],
		['part of the magic', 'CRMSE', 'truncated'],
		['the magic alone', 'CRMSEAL1', 'truncated'],
		['a plain JSON file', '{"schemaVersion":2}', 'not_sealed'],
		['a later version of the magic', 'CRMSEAL2\u0000\u0002{}', 'unsupported'],
		['JSON that does not parse', 'CRMSEAL1\u0000\u0002{x', 'damaged'],
		['JSON that is an array', 'CRMSEAL1\u0000\u0002[]', 'damaged'],
	])('%s: %s', (_, text, code) => {
		expect(codeOf(() => readSealedHeader(Buffer.from(text, 'latin1')))).toBe(code);
		expect(codeOf(() => openBytes(Buffer.from(text, 'latin1'), key))).toBe(code);
	});

	test('readSealedHeader says the key id, its kind and the chunk, from the header bytes alone', () => {
		const sealed = sealBytes(randomBytes(100), key, {chunk: 32});
		const header = readSealedHeader(sealed.subarray(0, headerLength(sealed)));
		expect(header).toMatchObject({v: 1, alg: 'aes-256-gcm', key: {id: key.id, kind: 'file'}, chunk: 32});
	});

	test.each([
		['empty', '', false],
		['part of the magic', 'CRMSEAL', false],
		['the magic', 'CRMSEAL1', true],
		['a JSON data file', '{"schemaVersion":2,"customers":[]}', false],
		['JSON after white space', '  \n{}', false],
	])('isSealed(%s) is %s', (_, text, sealed) => {
		expect(isSealed(Buffer.from(text))).toBe(sealed);
	});
});

// A large data file read a piece at a time (`byte-pieces.ts`): the same plaintext, the same refusals as `openBytes`.
describe('sealedPieces', () => {
	/** Every piece of `sealed`, joined; and how many pieces there were. */
	const drained = (sealed: Buffer, file = 'crm.json') => {
		const pieces = sealedPieces((at, length) => sealed.subarray(at, at + length), sealed.length, key, file);
		const given: Buffer[] = [];
		for (let piece = pieces.next(); piece; piece = pieces.next()) given.push(Buffer.from(piece));
		return {plain: Buffer.concat(given), size: pieces.size, count: given.length, first: given[0]?.length ?? 0};
	};
	/** The message `run` throws, or 'opened'. */
	const messageOf = (run: () => unknown): string => {
		try {
			run();
		} catch (error) {
			return (error as Error).message;
		}
		return 'opened';
	};

	test.each([0, 1, 15, 16, 17, 64 * 16, 64 * 16 + 1, 5000])(
		'%i bytes: the plaintext, a few chunks a piece',
		(length) => {
			const plain = randomBytes(length);
			const read = drained(sealBytes(plain, key, {chunk: 16}));
			expect(read.plain.equals(plain)).toBe(true);
			expect(read.size).toBe(length);
			// One chunk first (enough to tell a file not compact), then 64 a piece, the final chunk with the last of them or alone.
			expect(read.count).toBeLessThanOrEqual(Math.ceil(Math.max(0, length - 16) / (64 * 16)) + 2);
			expect(read.first).toBe(Math.min(16, length));
		},
	);

	test('every cut and every flipped byte of the body is refused as openBytes refuses it, in the same words', () => {
		const sealed = sealBytes(randomBytes(3000), key, {chunk: 16});
		const wrong: string[] = [];
		for (let length = 0; length < sealed.length; length += 7) {
			const cut = sealed.subarray(0, length);
			const expected = messageOf(() => openBytes(cut, key, {file: 'crm.json'}));
			const got = messageOf(() => drained(cut));
			if (got !== expected) wrong.push(`cut at ${length}: ${got}, not ${expected}`);
		}
		for (let byte = headerLength(sealed); byte < sealed.length; byte += 11) {
			const flipped = Buffer.from(sealed);
			flipped[byte]! ^= 1;
			const expected = messageOf(() => openBytes(flipped, key, {file: 'crm.json'}));
			if (expected === 'opened') wrong.push(`byte ${byte}: opened`);
			const got = messageOf(() => drained(flipped));
			if (got !== expected) wrong.push(`byte ${byte}: ${got}, not ${expected}`);
		}
		expect(wrong).toEqual([]);
	});

	test('a wrong key is refused before any piece is given', () => {
		const sealed = sealBytes(Buffer.from('x'), otherKey);
		expect(codeOf(() => sealedPieces((at, length) => sealed.subarray(at, at + length), sealed.length, key, 'f'))).toBe(
			'wrong_key',
		);
	});
});
