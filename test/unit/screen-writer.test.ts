import {EventEmitter} from 'node:events';
import {describe, expect, test} from 'vitest';
import {neutralised, ScreenWriter} from '../../source/ui/screen-writer.js';

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

describe('the last net: nothing but text and SGR reaches the terminal', () => {
	const raw = (terminal: Terminal) => terminal.written.join('');
	/** Every escape the writer sent: its own cursor moves and erases, and SGR. */
	const escapes = (text: string) => [...text.matchAll(/\u001B\[[0-9;?]*[A-Za-z]/g)].map((match) => match[0]);

	test.each([
		['a window title (OSC 0 … BEL)', 'A\u001B]0;pwned\u0007B', 'A\\x1b]0;pwned\\x07B'],
		['the clipboard (OSC 52 … ST)', '\u001B]52;c;cm0gLXJm\u001B\\', '\\x1b]52;c;cm0gLXJm\\x1b\\'],
		['a cursor move (CSI … H)', 'x\u001B[2;5Hy', 'x\\x1b[2;5Hy'],
		['an erase (CSI 2 J)', '\u001B[2J', '\\x1b[2J'],
		['DCS', '\u001BPq#0\u001B\\', '\\x1bPq#0\\x1b\\'],
		['a one-byte CSI (C1 0x9B)', 'a\u009B31mb', 'a\\x9b31mb'],
		['a stray ESC at the end', 'end\u001B', 'end\\x1b'],
		['BEL, DEL, CR, tab and NUL', '\u0007\u007F\r\t\u0000', '\\x07\\x7f\\x0d\\x09\\x00'],
	])('%s is written out as text', (_, line, shown) => {
		const {terminal, writer} = setup();
		writer.write(`title\n${line}`);
		const written = raw(terminal);
		expect(written).toContain(shown);
		expect(written).not.toMatch(/[\u0000-\u001A\u001C-\u001F\u007F-\u009F]/);
		// The only escapes left are the writer's own (position, erase) and SGR.
		for (const found of escapes(written)) expect(found).toMatch(/^\u001B\[(\d+;1H|2K|J|[0-9;]*m)$/);
		expect(written.replaceAll(/\u001B\[(\d+;1H|2K|J|[0-9;]*m)/g, '')).not.toContain('\u001B');
	});

	test('the colours and styles Ink writes pass unchanged', () => {
		const {terminal, writer} = setup();
		const styled =
			'\u001B[1m\u001B[7mbold inverse\u001B[27m\u001B[22m \u001B[38;2;10;20;30mtrue\u001B[39m \u001B[38;5;202mindexed\u001B[39m';
		writer.write(styled);
		expect(terminal.take()).toBe(`⟨1;1H⟨2K${styled.replaceAll('\u001B[', '⟨')}⟨0m`);
	});

	test.each([
		['', ''],
		['plain text', 'plain text'],
		['王伟 Tomás', '王伟 Tomás'],
	])('%j is written as it is', (line, shown) => {
		expect(neutralised(line)).toBe(shown);
	});
});
