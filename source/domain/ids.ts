import {randomBytes} from 'node:crypto';

const alphabet = '0123456789abcdefghjkmnpqrstvwxyz';

/** A random id body of `length` base-32 characters; `random` returns a uniform [0, 1). */
export const idBody = (length = 10, random?: () => number): string => {
	let body = '';
	if (random) {
		for (let index = 0; index < length; index++) body += alphabet[Math.floor(random() * 32)];
		return body;
	}
	const bytes = randomBytes(length);
	for (const byte of bytes) body += alphabet[byte & 31];
	return body;
};

export const newId = (prefix: string, random?: () => number): string => `${prefix}_${idBody(10, random)}`;
