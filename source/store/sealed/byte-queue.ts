/**
 * Bytes as they arrive, in pieces of any size, taken from the front in lengths of the reader's
 * choosing: a piece is copied only when a length spans more than one.
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
