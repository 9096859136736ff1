import {randomBytes} from 'node:crypto';

const alphabet = '0123456789abcdefghjkmnpqrstvwxyz';

/**
 * Random bytes drawn from the system a page at a time: one call per id cost a system call each,
 * which was a quarter of an import of 100,000 rows (a create and a change-log entry per row).
 */
const pool = {bytes: Buffer.alloc(0), next: 0};
const takeRandom = (length: number): Buffer => {
	if (pool.next + length > pool.bytes.length) {
		pool.bytes = randomBytes(Math.max(4096, length));
		pool.next = 0;
	}
	const taken = pool.bytes.subarray(pool.next, pool.next + length);
	pool.next += length;
	return taken;
};

/** A random id body of `length` base-32 characters; `random` returns a uniform [0, 1). */
export const idBody = (length = 10, random?: () => number): string => {
	let body = '';
	if (random) {
		for (let index = 0; index < length; index++) body += alphabet[Math.floor(random() * 32)];
		return body;
	}
	for (const byte of takeRandom(length)) body += alphabet[byte & 31];
	return body;
};

export const newId = (prefix: string, random?: () => number): string => `${prefix}_${idBody(10, random)}`;
