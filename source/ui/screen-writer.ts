import {EventEmitter} from 'node:events';

const csi = '\u001B[';

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

	constructor(private readonly terminal: Terminal) {
		super();
		terminal.on('resize', this.onResize);
	}

	get columns(): number {
		return this.terminal.columns ?? 80;
	}

	get rows(): number {
		return this.terminal.rows ?? 24;
	}

	/** One whole frame from Ink: its lines, top to bottom. */
	write = (frame: string): boolean => {
		const lines = frame.split('\n');
		let out = '';
		const count = Math.max(lines.length, this.previous.length);
		for (let index = 0; index < count; index++) {
			const line = lines[index];
			if (line === this.previous[index]) continue;
			// Erasing first, then writing: an erase after a line that fills the row would take its last cell.
			out += `${csi}${index + 1};1H${csi}2K${line ?? ''}${line ? `${csi}0m` : ''}`;
		}
		this.previous = lines;
		if (out !== '') this.terminal.write(`${csi}?25l${out}`);
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
		// Lines may have reflowed or gone: start from a clear screen, and Ink renders the new size whole.
		this.previous = [];
		this.terminal.write(`${csi}2J`);
		this.emit('resize');
	};
}
