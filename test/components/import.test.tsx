import {execFileSync} from 'node:child_process';
import {existsSync, readFileSync} from 'node:fs';
import {readFile, writeFile} from 'node:fs/promises';
import {join} from 'node:path';
import {cleanup} from 'ink-testing-library';
import {afterEach, describe, expect, test} from 'vitest';
import {customer, datasetOf} from '../support/fixtures.js';
import {keys, renderConsole} from '../support/render-console.js';

afterEach(() => cleanup());

const dataset = datasetOf({customers: [customer({name: 'Acme', company: 'Acme Corp', email: 'ops@acme.io'})]});

const leads = [
	'externalId,name,email,company,status',
	'L1,Nadia Berg,nadia@berg.no,Berg AS,lead',
	'L2,Olu Ade,olu@ade.ng,Ade Ltd,active',
	'L3,Bad Mail,not-an-email,Nowhere,lead',
	'',
].join('\n');

describe.each([
	{width: 80, height: 24},
	{width: 200, height: 50},
])('the import screen at $width x $height', ({width, height}) => {
	test('file, mapping, preview as the rows will land, import, summary; the list shows them; a second import changes nothing; u undoes it whole', async () => {
		const screen = await renderConsole({dataset, width, height});
		await writeFile(join(screen.folder, 'leads.csv'), leads);
		await screen.waitFor((text) => text.includes('Acme'));

		await screen.press('i');
		let frame = await screen.waitFor((text) => text.includes('› leads.csv'), 'the CSV found in the working folder');
		expect(frame).toContain('[1 file] › 2 mapping');
		expect(screen.lines().at(-1)).toMatch(/Enter choose\s+Tab complete/);

		await screen.press(keys.enter);
		frame = await screen.waitFor((text) => text.includes('How its columns become records'), 'the mapping step');
		expect(frame).toContain('leads.csv: 3 rows, 5 columns');
		// Columns named like customer fields rank first.
		expect(frame).toMatch(/› customers by column name — 5 columns named like customer fields/);

		await screen.press(keys.enter);
		frame = await screen.waitFor((text) => text.includes('as they will land'), 'the preview');
		expect(frame).toMatch(/2\s+create\s+Nadia Berg/);
		expect(frame).toMatch(/3\s+create\s+Olu Ade/);
		expect(frame).toMatch(/4\s+reject\s+email must be an email address/);
		expect(frame).toContain('2 create, 1 reject');
		expect(frame).toContain('Line 2: a new record');
		await screen.press(`${keys.down}${keys.down}`);
		expect(screen.frame()).toContain('Line 4: email must be an email address like ana@example.com');
		// Nothing is written by a preview.
		expect(screen.store.data.customers).toHaveLength(1);

		await screen.press(keys.enter);
		frame = await screen.waitFor(
			(text) => text.includes('customer: 2 created, 0 updated, 0 unchanged, 1 rejected'),
			'the summary',
		);
		expect(frame).toContain('Saved 2 changes as one import.');
		expect(frame).toMatch(/Rejected rows, with their line and reason:\s+\S*leads\.rejects\.csv/);
		const rejects = readFileSync(join(screen.folder, 'leads.rejects.csv'), 'utf8');
		expect(rejects).toContain(
			'4,customers,email must be an email address like ana@example.com,L3,Bad Mail,not-an-email',
		);
		const onDisk = JSON.parse(await readFile(screen.file, 'utf8')) as {
			customers: Array<{name: string; externalId: string}>;
		};
		expect(onDisk.customers.map((entry) => entry.name).sort()).toEqual(['Acme', 'Nadia Berg', 'Olu Ade']);

		await screen.press(keys.enter);
		frame = await screen.waitFor(
			(text) => text.includes('Nadia Berg') && !text.includes('summary'),
			'the customers list',
		);
		expect(frame).toContain('Olu Ade');

		// The same file again: nothing to change, and it says so.
		await screen.press('i');
		await screen.waitFor((text) => text.includes('› leads.csv'));
		await screen.press(keys.enter);
		await screen.waitFor((text) => text.includes('How its columns become records'));
		await screen.press(keys.enter);
		frame = await screen.waitFor((text) => text.includes('as they will land'));
		expect(frame).toContain('2 unchanged, 1 reject');
		await screen.press(keys.enter);
		frame = await screen.waitFor((text) => text.includes('customer: 0 created, 0 updated, 2 unchanged, 1 rejected'));
		expect(frame).toContain('Nothing to change: the data already matches the file.');
		await screen.press(keys.escape);
		await screen.waitFor((text) => text.includes('Nadia Berg') && !text.includes('summary'));

		// One u takes the whole import back.
		await screen.press('u');
		frame = await screen.waitFor((text) => text.includes('Undone'), 'the undo');
		expect(frame).toContain('Undone: 2 changes saved together');
		expect(frame).not.toContain('Nadia Berg');
	});
});

test('a typed path lists its folder, Tab completes, and keys typed in one chunk all arrive', async () => {
	const screen = await renderConsole({dataset, width: 100, height: 30, cwd: '/'});
	await writeFile(join(screen.folder, 'leads.csv'), leads);
	await screen.waitFor((text) => text.includes('Acme'));
	// `i`, then the folder's path, all in one chunk: none of it is lost or taken as a command.
	await screen.press(`i${screen.folder}/le`);
	let frame = await screen.waitFor((text) => text.includes(`› ${screen.folder}/leads.csv`), 'the folder listed');
	expect(frame).toContain(`File: ${screen.folder}/le`);
	await screen.press(keys.tab);
	frame = await screen.waitFor((text) => text.includes(`File: ${screen.folder}/leads.csv`), 'the completed path');
	await screen.press(keys.enter);
	await screen.waitFor((text) => text.includes('How its columns become records'));
});

test('path, Tab, Enter, Enter in one chunk: each key waits for the listing or the file it acts on', async () => {
	const screen = await renderConsole({dataset, width: 100, height: 30, cwd: '/'});
	await writeFile(join(screen.folder, 'leads.csv'), leads);
	await screen.waitFor((text) => text.includes('Acme'));
	await screen.press(`i${screen.folder}/${keys.tab}${keys.enter}${keys.enter}`);
	const frame = await screen.waitFor(
		(text) => text.includes('as they will land'),
		'the preview, reached by keys typed ahead',
	);
	expect(frame).toMatch(/2\s+create\s+Nadia Berg/);
});

test('a folder typed without its slash opens, like a folder chosen from the list', async () => {
	const screen = await renderConsole({dataset, width: 100, height: 30, cwd: '/'});
	await writeFile(join(screen.folder, 'leads.csv'), leads);
	await screen.waitFor((text) => text.includes('Acme'));
	await screen.press(`:import ${screen.folder}\r`);
	const frame = await screen.waitFor((text) => text.includes(`› ${screen.folder}/leads.csv`), 'the folder listed');
	expect(frame).not.toContain('is a folder');
});

test('a CSV without an id column asks which column identifies a row; a dry run writes nothing', async () => {
	const screen = await renderConsole({dataset, width: 100, height: 30});
	await writeFile(join(screen.folder, 'people.csv'), 'Ref;name;email\nR-1;Ana Lind;ana@lind.se\nR-2;Bo Ek;bo@ek.se\n');
	await screen.waitFor((text) => text.includes('Acme'));
	await screen.press(':import people.csv\r');
	let frame = await screen.waitFor(
		(text) => text.includes('How its columns become records'),
		'the mapping step, the file read from the command line',
	);
	expect(frame).toContain('people.csv: 2 rows, 3 columns (Ref, name, email)');
	await screen.press(keys.enter);
	frame = await screen.waitFor((text) => text.includes('Which column identifies a row'), 'the id question');
	expect(frame).toMatch(/› Ref\s+e\.g\. R-1/);
	await screen.press(keys.enter);
	frame = await screen.waitFor((text) => text.includes('as they will land'));
	expect(frame).toMatch(/2\s+create\s+Ana Lind/);
	const before = await readFile(screen.file);
	await screen.press('d');
	frame = await screen.waitFor(
		(text) => text.includes('Dry run: nothing was written (2 changes would be made).'),
		'the dry run summary',
	);
	expect(frame).toContain('customer: 2 created');
	expect(await readFile(screen.file)).toEqual(before);
	// Closing a dry run's summary goes back to the preview, ready to import for real.
	await screen.press(keys.escape);
	frame = await screen.waitFor((text) => text.includes('as they will land'), 'back at the preview');
	expect(frame).toContain('Dry run done: Enter imports, Esc goes back.');
	// Back through every step with Esc: preview → mapping → file → closed.
	await screen.press(keys.escape);
	await screen.waitFor((text) => text.includes('How its columns become records'));
	await screen.press(keys.escape);
	await screen.waitFor((text) => text.includes('File:'));
	await screen.press(keys.escape);
	await screen.waitFor((text) => text.includes('Acme') && !text.includes('File:'));
	expect(screen.store.data.customers).toHaveLength(1);
});

test('a file that cannot be read or parsed says why, by line, and the import stays open', async () => {
	const screen = await renderConsole({dataset, width: 100, height: 30});
	await writeFile(join(screen.folder, 'broken.csv'), 'externalId,name\nA1,"Unclosed\n');
	await screen.waitFor((text) => text.includes('Acme'));
	await screen.press('i');
	await screen.waitFor((text) => text.includes('› broken.csv'));
	await screen.press(keys.enter);
	let frame = await screen.waitFor((text) => text.includes('a quoted value is never closed'), 'the parse error');
	expect(frame).toMatch(/broken\.csv: line \d+: a quoted value is never closed/);
	expect(frame).toContain('[1 file] › 2 mapping');
	await screen.press('missing.csv');
	await screen.press(keys.enter);
	frame = await screen.waitFor((text) => text.includes('missing.csv does not exist'), 'the read error');
});

test('a pipe (FIFO) named as the file is refused at once: the screen stays open and keys typed after it still act', async () => {
	const screen = await renderConsole({dataset, width: 100, height: 30});
	execFileSync('mkfifo', [join(screen.folder, 'feed.csv')]);
	await screen.waitFor((text) => text.includes('Acme'));
	await screen.press(':import feed.csv\r');
	const frame = await screen.waitFor((text) => text.includes('feed.csv is a pipe (FIFO), not a file'), 'the refusal');
	expect(frame).toContain('[1 file] › 2 mapping');
	// Keys wait while a file is read: had the read hung, Esc and the list after it would never come.
	await screen.press(keys.escape);
	await screen.waitFor((text) => text.includes('Acme') && !text.includes('[1 file] › 2 mapping'), 'the list again');
});

const supportTickets = new URL(
	'../../../shared/datasets/support-tickets/customer_support_tickets.csv',
	import.meta.url,
);

// The shared datasets sit beside the repository, as in its unit twin: without them there is nothing to preview.
test.runIf(existsSync(supportTickets))('a mapping with several entities previews each one; Tab switches', async () => {
	const source = readFileSync(supportTickets, 'utf8');
	// The header and the first records (a ticket's description may span lines: cut at a record start).
	const cut = source.split('\n').slice(0, 40).join('\n');
	const screen = await renderConsole({dataset, width: 160, height: 40});
	await writeFile(join(screen.folder, 'tickets.csv'), cut.slice(0, cut.lastIndexOf('\n')));
	await screen.waitFor((text) => text.includes('Acme'));
	await screen.press('i');
	await screen.waitFor((text) => text.includes('› tickets.csv'));
	await screen.press(keys.enter);
	let frame = await screen.waitFor((text) => text.includes('How its columns become records'));
	expect(frame).toMatch(/› customers \+ tickets \+ feedback with .*support-tickets\.json — all 12 columns found/);
	await screen.press(keys.enter);
	frame = await screen.waitFor((text) => text.includes('as they will land'));
	expect(frame).toMatch(/2\s+create\s+Christopher Robbins/);
	// The current step and tab are marked in the text itself, not only by colour or inverse (issue 13).
	expect(frame).toContain('[3 preview]');
	expect(frame).toMatch(/\[customers\] tickets {2}feedback/);
	await screen.press(keys.tab);
	frame = await screen.waitFor((text) => /Subject/.test(text), 'the tickets of the preview');
	expect(frame).toMatch(/ customers \[tickets\] feedback/);
	// A ticket's customer is the one the same import creates.
	expect(frame).toMatch(/2\s+create\s+Network problem\s+Christopher Robbins/);
	await screen.press(keys.tab);
	await screen.waitFor((text) => /Rating/.test(text), 'the feedback of the preview');
});

test('a large file shows a progress bar; Esc stops it before anything is saved', async () => {
	const rows = Array.from({length: 30_000}, (_, index) => `C${index},Customer ${index},c${index}@example.com,active`);
	const screen = await renderConsole({dataset, width: 100, height: 30});
	await writeFile(join(screen.folder, 'many.csv'), ['externalId,name,email,status', ...rows].join('\n'));
	await screen.waitFor((text) => text.includes('Acme'));
	await screen.press(':import many.csv\r');
	await screen.waitFor((text) => text.includes('How its columns become records'));
	await screen.press(keys.enter);
	let frame = await screen.waitFor((text) => text.includes('as they will land'));
	expect(frame).toContain('The first 100 of 30,000 rows');
	const before = await readFile(screen.file);
	await screen.press(keys.enter);
	frame = await screen.waitFor(
		(text) => /Checking\s+█*░+\s+\d+%/.test(text) && /row [\d,]+ of 30,000/.test(text),
		'the progress bar',
	);
	expect(frame).toContain('Esc stops: nothing is saved until every row is checked.');
	await screen.type(keys.escape);
	frame = await screen.waitFor((text) => text.includes('Import stopped: nothing was saved.'), 'the stop');
	expect(frame).toContain('as they will land');
	expect(await readFile(screen.file)).toEqual(before);
	expect(screen.store.data.customers).toHaveLength(1);
});
