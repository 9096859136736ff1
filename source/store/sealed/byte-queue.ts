/**
 * Bytes as they arrive, in pieces of any size, taken from the front in lengths of the reader's
 * choosing: a piece is copied only when a length spans more than one, or when what is left of it is
 * kept past the call that gave it (`keepOwnCopy`).
 */
export class ByteQueue {
	#pieces: Buffer[] = [];
	#length = 0;

	get length(): number {
		return this.#length;
	}

	push(piece: Uint8Array): void {
		if (piece.length === 0) return;
		this.#pieces.push(Buffer.from(piece.buffer, piece.byteOffset, piece.byteLength));
		this.#length += piece.length;
	}

	/** The first `length` bytes (at most what is there), without taking them. */
	peek(length: number): Buffer {
		const wanted = Math.min(length, this.#length);
		const first = this.#pieces[0];
		if (first && first.length >= wanted) return first.subarray(0, wanted);
		this.#pieces = [Buffer.concat(this.#pieces, this.#length)];
		return this.#pieces[0]!.subarray(0, wanted);
	}

	/**
	 * Copies what is left, so that nothing held refers to a caller's buffer once the call that pushed it
	 * returns: a writer may reuse its buffer (the data file's UTF-8 is made in one buffer, chunk after
	 * chunk). What is left is less than one chunk, so the copy is small.
	 */
	keepOwnCopy(): void {
		if (this.#length > 0) this.#pieces = [Buffer.concat(this.#pieces, this.#length)];
	}

	/** Takes the first `length` bytes (at most what is there). */
	take(length: number): Buffer {
		const taken = this.peek(length);
		const first = this.#pieces[0]!;
		if (taken.length === first.length) this.#pieces.shift();
		else if (taken.length > 0) this.#pieces[0] = first.subarray(taken.length);
		this.#length -= taken.length;
		return taken;
	}
}
