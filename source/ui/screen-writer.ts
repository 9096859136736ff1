import {EventEmitter} from 'node:events';
import {escapeControls} from '../domain/control-characters.js';

const csi = '\u001B[';

/**
 * What a line of a frame may send besides text: the colours and styles Ink writes (`ESC [ params m`).
 * Anything else — another CSI, OSC (a window title, the clipboard), DCS, a stray ESC, BEL, a C1
 * byte such as the one-byte CSI 0x9B, any other C0 character — would be a command to the terminal.
 */
const unsafe = /[\u0000-\u001a\u001c-\u001f\u007f-\u009f]|\u001b(?!\[[0-9;:]*m)/;
const unsafeGlobal = new RegExp(unsafe.source, 'g');
const shown = (character: string): string => escapeControls(character, false);

/**
 * A line as it may reach the terminal: every control character that is not the start of an SGR
 * sequence written out as `\xNN`. Text from data is escaped long before (ui/layout/cell-text.ts);
 * this is the last net, for a path that forgot, so that data can never set the terminal's title or
 * clipboard. One test per line written; a line is only rewritten when it holds something unsafe.
 */
export const neutralised = (line: string): string => (unsafe.test(line) ? line.replace(unsafeGlobal, shown) : line);

/** What the writer needs of a terminal: somewhere to write, a size, and resize events. */
export type Terminal = {
	write: (text: string) => unknown;
	columns?: number;
	rows?: number;
	on: (event: 'resize', listener: () => void) => unknown;
	off: (event: 'resize', listener: () => void) => unknown;
};

/**
 * The full-screen console's output. Ink, run in its debug mode, hands this every frame whole; this
 * writes only the lines that differ from the frame before, each at its absolute row. A cursor move
 * in a list so costs its two rows and the status line (a few hundred bytes over SSH) instead of the
 * whole screen, and because every line is placed by row — not by moving up from where the last
 * frame ended, as Ink's own incremental mode does — nothing can drift or stay behind after a
 * resize. A resize clears the screen and redraws everything.
 */
export class ScreenWriter extends EventEmitter {
	readonly isTTY = true;
	private previous: string[] = [];
	/** Frames until this time are written whole: the first ones after a resize are still laid out for the old size. */
	private wholeUntil = 0;

	constructor(
		private readonly terminal: Terminal,
		private readonly clock: () => number = Date.now,
	) {
		super();
		terminal.on('resize', this.onResize);
	}

	get columns(): number {
		return this.terminal.columns ?? 80;
	}

	get rows(): number {
		return this.terminal.rows ?? 24;
	}

	/**
	 * Takes over the terminal's modes for the session: the cursor hidden, and lines that do not wrap
	 * at the right margin. A line the terminal finds wider than we measured (some emoji are counted
	 * differently by terminals) is then cut at the edge instead of spilling into the next row and
	 * scrolling the screen. `end` gives the modes back.
	 */
	begin(): void {
		this.terminal.write(`${csi}?25l${csi}?7l`);
	}

	end(): void {
		this.terminal.write(`${csi}?7h${csi}?25h`);
	}

	/** One whole frame from Ink: its lines, top to bottom. */
	write = (frame: string): boolean => {
		const lines = frame.split('\n');
		const whole = this.clock() < this.wholeUntil;
		let out = '';
		const count = Math.max(lines.length, this.previous.length);
		// Never below the screen: a frame still laid out for a taller terminal would pile its rows on the last one.
		for (let index = 0; index < Math.min(count, this.rows); index++) {
			const line = lines[index];
			if (!whole && line === this.previous[index]) continue;
			// Erasing first, then writing: an erase after a line that fills the row would take its last cell.
			out += `${csi}${index + 1};1H${csi}2K${line ? `${neutralised(line)}${csi}0m` : ''}`;
		}
		// Below the frame (the spare last row, rows a taller frame had): nothing.
		if ((whole || lines.length < this.previous.length) && lines.length < this.rows)
			out += `${csi}${lines.length + 1};1H${csi}J`;
		this.previous = lines;
		if (out !== '') this.terminal.write(out);
		return true;
	};

	/** Draws the whole frame again on a cleared screen (after something else wrote over it). */
	redraw(): void {
		const lines = this.previous;
		this.previous = [];
		this.terminal.write(`${csi}2J`);
		this.write(lines.join('\n'));
	}

	/** Stops following the terminal's resizes. */
	dispose(): void {
		this.terminal.off('resize', this.onResize);
	}

	private readonly onResize = () => {
		// Lines may have reflowed or gone: start from a clear screen, and write every frame whole until
		// the console has laid itself out for the new size (Ink draws once more at the old size first).
		this.previous = [];
		this.wholeUntil = this.clock() + 500;
		this.terminal.write(`${csi}2J`);
		this.emit('resize');
	};
}
