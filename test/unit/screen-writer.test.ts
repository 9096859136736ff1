import {EventEmitter} from 'node:events';
import {describe, expect, test} from 'vitest';
import {ScreenWriter} from '../../source/ui/screen-writer.js';

class Terminal extends EventEmitter {
	columns = 40;
	rows = 6;
	written: string[] = [];
	write = (text: string) => {
		this.written.push(text);
		return true;
	};
	/** The text written since the last call, escapes shown as ⟨…⟩. */
	take(): string {
		const text = this.written.join('').replaceAll('\u001B[', '⟨');
		this.written = [];
		return text;
	}
}

const setup = () => {
	const terminal = new Terminal();
	let now = 1000;
	const writer = new ScreenWriter(terminal, () => now);
	return {terminal, writer, advance: (ms: number) => (now += ms)};
};

describe('the screen writer', () => {
	test('writes a first frame whole, then only the lines that changed, each at its row', () => {
		const {terminal, writer} = setup();
		writer.write('title\none\ntwo\nstatus 1');
		expect(terminal.take()).toBe('⟨1;1H⟨2Ktitle⟨0m⟨2;1H⟨2Kone⟨0m⟨3;1H⟨2Ktwo⟨0m⟨4;1H⟨2Kstatus 1⟨0m');
		writer.write('title\none\nTWO\nstatus 2');
		expect(terminal.take()).toBe('⟨3;1H⟨2KTWO⟨0m⟨4;1H⟨2Kstatus 2⟨0m');
		writer.write('title\none\nTWO\nstatus 2');
		expect(terminal.take()).toBe('');
		// A shorter frame clears the rows the longer one had.
		writer.write('title\none');
		expect(terminal.take()).toBe('⟨3;1H⟨2K⟨4;1H⟨2K⟨3;1H⟨J');
	});

	test('after a resize the screen is cleared and frames are written whole until the console has laid itself out again', () => {
		const {terminal, writer, advance} = setup();
		let resized = 0;
		writer.on('resize', () => resized++);
		writer.write('a\nb\nc');
		terminal.take();
		terminal.rows = 4;
		terminal.emit('resize');
		expect(resized).toBe(1);
		expect(terminal.take()).toBe('⟨2J');
		// Ink draws once more at the old size, then the console at the new one: both whole.
		writer.write('a\nb\nc');
		expect(terminal.take()).toBe('⟨1;1H⟨2Ka⟨0m⟨2;1H⟨2Kb⟨0m⟨3;1H⟨2Kc⟨0m⟨4;1H⟨J');
		writer.write('a\nb\nc');
		expect(terminal.take()).toContain('⟨1;1H⟨2Ka');
		advance(600);
		writer.write('a\nb\nc');
		expect(terminal.take()).toBe('');
	});

	test('never writes below the screen, and hands the terminal modes back', () => {
		const {terminal, writer} = setup();
		writer.begin();
		expect(terminal.take()).toBe('⟨?25l⟨?7l');
		writer.write(['1', '2', '3', '4', '5', '6', '7', '8'].join('\n'));
		const written = terminal.take();
		expect(written).toContain('⟨6;1H⟨2K6');
		expect(written).not.toContain('⟨7;1H');
		writer.end();
		expect(terminal.take()).toBe('⟨?7h⟨?25h');
	});
});

test('Ctrl+L: the whole frame again on a cleared screen', () => {
	const {terminal, writer} = setup();
	writer.write('a\nb');
	terminal.take();
	writer.redraw();
	expect(terminal.take()).toBe('⟨2J⟨1;1H⟨2Ka⟨0m⟨2;1H⟨2Kb⟨0m');
});
