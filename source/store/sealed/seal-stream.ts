import {ByteQueue} from './byte-queue.js';
import {SealError} from './seal-error.js';
import {
	type ChunkContext,
	checkKey,
	chunkPart,
	defaultChunk,
	fileKeyOf,
	headerAt,
	magic,
	newHeader,
	openChunk,
	prefixLength,
	type SealHeader,
	sealChunk,
	tagLength,
} from './seal-format.js';
import type {MasterKey} from './seal-keys.js';

/** Options of sealing and opening: the file's name for messages; the chunk size to seal with. */
export type SealOptions = {file?: string; chunk?: number};

/**
 * Opens a sealed file from its bytes as they arrive, in pieces of any size: `push` returns the
 * plaintext of each chunk as soon as it is verified, `end` that of the final chunk. A chunk is
 * never returned before its tag is checked; what was returned before a refusal is the caller's to
 * drop (`openBytes` returns nothing then).
 */
export class SealReader {
	readonly #key: MasterKey;
	readonly #file: string | undefined;
	readonly #queue = new ByteQueue();
	#context: ChunkContext | null = null;
	#header: SealHeader | null = null;
	#index = 0;

	constructor(key: MasterKey, file?: string) {
		this.#key = key;
		this.#file = file;
	}

	/** The header, once it has been read. */
	get header(): SealHeader | null {
		return this.#header;
	}

	push(piece: Uint8Array): Buffer[] {
		this.#queue.push(piece);
		const plain: Buffer[] = [];
		if (this.#context || this.#readHeader()) {
			const segment = this.#header!.chunk + tagLength;
			// A full chunk is not the final one (that is shorter): opened once a byte beyond it has come.
			while (this.#queue.length > segment) plain.push(this.#open(this.#queue.take(segment), false));
		}
		this.#queue.keepOwnCopy();
		return plain;
	}

	end(): Buffer[] {
		if (!this.#context && !this.#readHeader()) throw new SealError('truncated', this.#file);
		const rest = this.#queue.take(this.#queue.length);
		if (rest.length === this.#header!.chunk + tagLength) {
			// A whole chunk that is not final: the file ends where more should come.
			this.#open(rest, false);
			throw new SealError('truncated', this.#file);
		}
		if (rest.length < tagLength) throw new SealError('truncated', this.#file);
		return [this.#open(rest, true)];
	}

	#readHeader(): boolean {
		// Only the bytes the header takes (the prefix says how many): a body arriving in small pieces is not copied over and over.
		const start = this.#queue.peek(prefixLength);
		const length = start.length < prefixLength ? prefixLength : prefixLength + start.readUInt16BE(magic.length);
		const read = headerAt(this.#queue.peek(length), this.#file);
		if (!read) return false;
		checkKey(read.header, this.#key, this.#file);
		this.#queue.take(read.length);
		this.#header = read.header;
		this.#context = {fileKey: fileKeyOf(this.#key, read.header), prefix: read.header.nonce, aad: read.aad};
		return true;
	}

	#open(sealed: Buffer, final: boolean): Buffer {
		const plain = openChunk(this.#context!, this.#index, final, sealed);
		if (!plain) throw new SealError('damaged', this.#file, {part: chunkPart(this.#index)});
		this.#index++;
		return plain;
	}
}

/**
 * Seals plaintext as it arrives, in pieces of any size: `header` first, then what `push` and `end`
 * return, in order, make the sealed file. Every call makes a fresh salt and nonce prefix.
 */
export class SealWriter {
	readonly header: Buffer;
	readonly #context: ChunkContext;
	readonly #chunk: number;
	readonly #queue = new ByteQueue();
	#index = 0;

	constructor(key: MasterKey, options: SealOptions = {}) {
		this.#chunk = options.chunk ?? defaultChunk;
		const made = newHeader(key, this.#chunk);
		this.header = made.bytes;
		this.#context = {fileKey: fileKeyOf(key, made.header), prefix: made.header.nonce, aad: made.aad};
	}

	push(plain: Uint8Array): Buffer[] {
		this.#queue.push(plain);
		const sealed: Buffer[] = [];
		// A whole chunk is never the final one: a plaintext of n·chunk bytes ends with an empty final chunk.
		while (this.#queue.length >= this.#chunk) sealed.push(this.#seal(this.#queue.take(this.#chunk), false));
		this.#queue.keepOwnCopy();
		return sealed;
	}

	end(): Buffer[] {
		return [this.#seal(this.#queue.take(this.#queue.length), true)];
	}

	#seal(plain: Buffer, final: boolean): Buffer {
		return sealChunk(this.#context, this.#index++, final, plain);
	}
}

/** The plaintext of a sealed file read in pieces of any size, each chunk's as soon as it is verified. */
export async function* openChunks(
	source: AsyncIterable<Uint8Array>,
	key: MasterKey,
	options: SealOptions = {},
): AsyncGenerator<Buffer> {
	const reader = new SealReader(key, options.file);
	for await (const piece of source) yield* reader.push(piece);
	yield* reader.end();
}

/** The sealed file of a plaintext read in pieces of any size: its header, then each chunk as it fills. */
export async function* sealChunks(
	source: AsyncIterable<Uint8Array>,
	key: MasterKey,
	options: SealOptions = {},
): AsyncGenerator<Buffer> {
	const writer = new SealWriter(key, options);
	yield writer.header;
	for await (const piece of source) yield* writer.push(piece);
	yield* writer.end();
}
