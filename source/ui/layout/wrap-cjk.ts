import stringWidth from 'string-width';
import {graphemesOf} from './graphemes.js';

/** A character two cells wide: Chinese, Japanese, Korean, and the full-width forms and marks. */
const wideCharacter =
	/[\u1100-\u115f\u2e80-\u303e\u3040-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/;

/** Whether a line of text holds a wide character: then it is wrapped by {@link wrapWide}. */
export const hasWide = (text: string): boolean => wideCharacter.test(text);

// i18n-exempt: punctuation marks, matched, not read
const closingMarks = new Set([...'，。）、：；！？」』”’》〉】,.;:!?)]}%']);
// i18n-exempt: punctuation marks, matched, not read
const openingMarks = new Set([...'（“‘《〈「『【([{']);
// i18n-exempt: punctuation marks, matched, not read
const phraseEnds = new Set([...'，。；：、！？）」』”》']);

type Atom = {text: string; cells: number; kind: 'space' | 'wide' | 'narrow' | 'piece'};
type Break = 'none' | 'allowed' | 'preferred';

/** Spaces, single wide characters and runs of other characters (an ASCII word, `US$1,200`). */
const atomsOf = (paragraph: string): Atom[] => {
	const atoms: Atom[] = [];
	for (const character of graphemesOf(paragraph)) {
		const kind = /^\s+$/.test(character) ? 'space' : wideCharacter.test(character) ? 'wide' : 'narrow';
		const previous = atoms.at(-1);
		if (previous && kind !== 'wide' && previous.kind === kind) {
			previous.text += character;
			previous.cells += stringWidth(character);
		} else atoms.push({text: character, cells: stringWidth(character), kind});
	}
	return atoms;
};

/** A short ASCII token, such as a key (`u`, `:undo`, `?`): kept with the Chinese words after it. */
const keyToken = (atom: Atom | undefined): boolean => atom?.kind === 'narrow' && atom.cells <= 12;

/** Whether a line may break before `atoms[index]`, and whether that is a good place (a space, after a phrase). */
const breakBefore = (atoms: Atom[], index: number): Break => {
	const previous = atoms[index - 1];
	const next = atoms[index]!;
	if (!previous || next.kind === 'space') return 'none';
	if (previous.kind === 'space') {
		// `u 可撤销`: a key and its meaning stay on one line.
		const before = atoms[index - 2];
		const word = atoms[index - 3];
		return keyToken(before) && next.kind === 'wide' && word?.kind !== 'narrow' ? 'none' : 'preferred';
	}
	if (next.kind === 'piece') return 'allowed';
	if (closingMarks.has(graphemesOf(next.text)[0]!)) return 'none';
	const last = graphemesOf(previous.text).at(-1)!;
	if (openingMarks.has(last)) return 'none';
	if (phraseEnds.has(last)) return 'preferred';
	return previous.kind === 'wide' || next.kind === 'wide' ? 'allowed' : 'none';
};

/** `atom` cut into pieces of at most `width` cells (a word longer than the line). */
const piecesOf = (atom: Atom, width: number): Atom[] => {
	const pieces: Atom[] = [];
	for (const character of graphemesOf(atom.text)) {
		const cells = stringWidth(character);
		const last = pieces.at(-1);
		if (last && last.cells + cells <= width) {
			last.text += character;
			last.cells += cells;
		} else pieces.push({text: character, cells, kind: 'piece'});
	}
	pieces[0]!.kind = atom.kind;
	return pieces;
};

/**
 * One paragraph holding Chinese (or other wide) text as lines of at most `width` cells. A line may
 * break between any two wide characters and at spaces, never before a closing mark (，。）) nor
 * after an opening one; it breaks at a space or after a phrase's mark where that leaves the line at
 * least half full, and a short key stays with the words after it (`u 可撤销`).
 */
export const wrapWide = (paragraph: string, width: number): string[] => {
	const atoms = atomsOf(paragraph);
	const lines: string[] = [];
	let start = 0;
	while (start < atoms.length && atoms[start]!.kind === 'space') start++;
	while (start < atoms.length) {
		let used = 0;
		let allowed = -1;
		let preferred = -1;
		let preferredUsed = 0;
		let end = atoms.length;
		for (let index = start; index < atoms.length; index++) {
			const atom = atoms[index]!;
			const chance = index > start ? breakBefore(atoms, index) : 'none';
			if (chance !== 'none') allowed = index;
			if (chance === 'preferred') [preferred, preferredUsed] = [index, used];
			const pieces = atom.cells > width ? piecesOf(atom, width) : [];
			if (pieces.length > 1) {
				atoms.splice(index, 1, ...pieces);
				index--;
				continue;
			}
			if (atom.kind === 'space' || used + atom.cells <= width || index === start) {
				used += atom.cells;
				continue;
			}
			end = preferred > start && preferredUsed * 2 >= width ? preferred : allowed > start ? allowed : index;
			break;
		}
		lines.push(
			atoms
				.slice(start, end)
				.map((atom) => atom.text)
				.join('')
				.trimEnd(),
		);
		start = end;
		while (start < atoms.length && atoms[start]!.kind === 'space') start++;
	}
	return lines.length === 0 ? [''] : lines;
};
