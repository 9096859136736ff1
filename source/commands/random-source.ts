/** A small deterministic PRNG (mulberry32), so the same seed always yields the same dataset. */
export type RandomSource = {
	next: () => number;
	int: (min: number, max: number) => number;
	pick: <T>(items: readonly T[]) => T;
	weighted: <T>(items: ReadonlyArray<readonly [T, number]>) => T;
	chance: (probability: number) => boolean;
	/** Log-normal around `median`, with `spread` the sigma of the underlying normal. */
	logNormal: (median: number, spread: number) => number;
};

const hashSeed = (seed: string): number => {
	let hash = 2_166_136_261;
	for (let index = 0; index < seed.length; index++) {
		hash ^= seed.charCodeAt(index);
		hash = Math.imul(hash, 16_777_619);
	}
	return hash >>> 0;
};

export const createRandomSource = (seed: string): RandomSource => {
	let state = hashSeed(seed);
	const next = (): number => {
		state = (state + 0x6d_2b_79_f5) | 0;
		let t = Math.imul(state ^ (state >>> 15), 1 | state);
		t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
		return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
	};
	const normal = (): number => {
		const u = Math.max(next(), Number.EPSILON);
		return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * next());
	};
	return {
		next,
		int: (min, max) => min + Math.floor(next() * (max - min + 1)),
		pick: (items) => items[Math.floor(next() * items.length)]!,
		weighted: (items) => {
			const total = items.reduce((sum, [, weight]) => sum + weight, 0);
			let roll = next() * total;
			for (const [item, weight] of items) {
				roll -= weight;
				if (roll < 0) return item;
			}
			return items.at(-1)![0];
		},
		chance: (probability) => next() < probability,
		logNormal: (median, spread) => median * Math.exp(spread * normal()),
	};
};
