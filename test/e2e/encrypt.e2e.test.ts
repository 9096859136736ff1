import {execFileSync} from 'node:child_process';
import {existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {afterAll, beforeAll, describe, expect, test} from 'vitest';
import {readKeyFile} from '../../source/store/sealed/seal-keys.js';
import {
	auditHead,
	copySet,
	crm,
	escapeRegExp,
	expectOneLine,
	filesUnder,
	headerKeyOf,
	keyIdOfFile,
	makeKeyFile,
	type Outcome,
	sealableFiles,
	sealMagic,
	seed,
	seedArgs,
	snapshot,
	startCrm,
} from '../support/sealed-set.js';
import {inCi} from '../support/system-setup.js';
import {removeTempFolders, tempFolder} from '../support/temp-folder.js';
import {startInTmux, stopTmuxServer, tmuxAvailable, tmuxServer} from '../support/tmux.js';

/**
 * Issue 22's "done when", by command as an operator runs them on the built crm: a set encrypted and
 * decrypted with its records byte-identical; no customer's name or email left in the bytes of its
 * files; a wrong key, no key, a tampered or cut file and a loose key file refused in one line with
 * nothing changed; `crm encrypt --rotate` killed at many moments and finished by running it again;
 * a passphrase typed at a terminal that never shows; what `crm encrypt` refuses.
 */
afterAll(async () => {
	stopTmuxServer();
	await removeTempFolders();
});

/**
 * The records as `crm export ENTITY --format json` prints them (run side by side: they only read). Three
 * entities by export; the audit chain's check (every record as the log left it) and the data file's
 * own bytes vouch for the rest.
 */
const exportAll = async (data: string, key: string[] = [], entities = ['customers', 'opportunities', 'tickets']) =>
	Promise.all(
		entities.map(async (entity) => {
			const exported = await crm(['export', entity, '--format', 'json', '--data', data, ...key]);
			expect(exported.err).toBe('');
			expect(exported.code).toBe(0);
			return exported.out;
		}),
	);

/** The console's own measurements (the metrics log): the report's comparison leaves them out. */
const measured = ['render_ms_p95', 'save_ms_p95', 'load_ms', 'errors', 'crash_free_sessions', 'save_success_rate'];

/** `crm report --format json` of October 2026, but when it was made and what comes of the metrics log. */
const reportOfRecords = async (data: string, key: string[] = []): Promise<unknown> => {
	const report = await crm(['report', '--format', 'json', '--period', '2026-10', '--data', data, ...key]);
	expect(report.err).toBe('');
	expect(report.code).toBe(0);
	const {
		generatedAt: _when,
		kpis,
		alerts,
		...rest
	} = JSON.parse(report.out) as {
		generatedAt: string;
		kpis: Record<string, unknown>;
		alerts: {kind: string}[];
	};
	for (const id of measured) expect(kpis).toHaveProperty(id);
	const fromRecords = Object.entries(kpis).filter(([id]) => !measured.includes(id));
	return {...rest, kpis: fromRecords, alerts: alerts.filter((alert) => alert.kind !== 'kpi')};
};

const headOf = async (data: string, key: string[] = [], env: Record<string, string> = {}): Promise<string> =>
	auditHead(await crm(['audit', 'verify', '--data', data, ...key], env));

/** A set seeded in a folder of its own, its key files in another (never beside the data). */
const newSet = async (name: string, lang = 'en') => {
	const folder = tempFolder(name);
	const set = join(folder, 'set');
	const keys = join(folder, 'keys');
	mkdirSync(set);
	mkdirSync(keys);
	const data = join(set, 'crm.json');
	await seed(data, lang);
	return {folder, set, keys, data};
};

describe('plain → encrypted → plain', () => {
	test('every export, the audit head, the report of the records and the files themselves come back byte-identical', async () => {
		const {set, keys, data} = await newSet('enc-round');
		const key = join(keys, 'crm.key');
		// A write, so that the set has a backup to seal and bring back as well.
		expect((await crm(['customer', 'add', '--set', 'name=Round Trip', '--data', data])).code).toBe(0);
		expect(sealableFiles(set).filter((name) => name.startsWith('crm.backups/'))).toHaveLength(1);
		const plainFiles = Object.fromEntries(sealableFiles(set).map((name) => [name, readFileSync(join(set, name))]));
		const exports = await exportAll(data);
		const head = await headOf(data);
		const report = await reportOfRecords(data);

		const encrypted = await crm(['encrypt', '--data', data, '--key-file', key]);
		expect(encrypted.err).toBe('');
		expect(encrypted.code).toBe(0);
		expect(statSync(key).mode & 0o777).toBe(0o600);
		const keyId = keyIdOfFile(data)!;
		expect(keyId).toMatch(/^[0-9a-f]{16}$/);
		expect(encrypted.out).toContain(`Made the key file ${key} (mode 600)`);
		expect(encrypted.out).toContain(`is encrypted under key ${keyId}`);
		for (const name of sealableFiles(set)) expect(keyIdOfFile(join(set, name)), name).toBe(keyId);

		// By --key-file and by CRM_KEY_FILE (as cron runs it): the same records, head and report.
		expect(await exportAll(data, ['--key-file', key])).toEqual(exports);
		expect(await headOf(data, [], {CRM_KEY_FILE: key})).toBe(head);
		expect(await reportOfRecords(data, ['--key-file', key])).toEqual(report);
		const doctor = await crm(['doctor', '--data', data, '--key-file', key]);
		expect(doctor.out).toMatch(new RegExp(`Encryption +all \\d+ files of the set are encrypted under key ${keyId}`));
		expect(doctor.code).toBe(0);

		const decrypted = await crm(['decrypt', '--data', data, '--key-file', key]);
		expect(decrypted.err).toBe('');
		expect(decrypted.code).toBe(0);
		expect(decrypted.out).toMatch(/is decrypted: \d+ files written in plain/);
		for (const [name, bytes] of Object.entries(plainFiles))
			expect(readFileSync(join(set, name)).equals(bytes), `${name} as it was before`).toBe(true);
		expect(await headOf(data)).toBe(head);
		const plainAgain = await crm(['doctor', '--data', data]);
		expect(plainAgain.out).toMatch(/Encryption +none: the \d+ files of the set are plain/);
		expect(plainAgain.code).toBe(0);
	});
});

describe('no customer name or email in the bytes of an encrypted set', () => {
	const strings = (() => {
		try {
			execFileSync('strings', ['--version'], {stdio: 'ignore'});
			return true;
		} catch {
			return false;
		}
	})();

	test.concurrent.for(['en', 'zh-CN'])(
		'a demo seeded in %s: data file, settings, operator file, backups',
		async (lang) => {
			const {set, keys, data} = await newSet(`enc-strings-${lang}`, lang);
			const key = join(keys, 'crm.key');
			const customers = JSON.parse((await exportAll(data, [], ['customers']))[0]!) as {name: string; email: string}[];
			const named = customers.filter((customer) => customer.email !== '').slice(0, 6);
			const secrets = [...named.map((customer) => customer.name), ...named.map((customer) => customer.email)];
			if (lang === 'zh-CN') expect(secrets.some((secret) => /\p{Script=Han}/u.test(secret))).toBe(true);
			// A saved view that names a customer, as the console keeps it for an operator.
			const view = {
				views: {mine: {screen: 'customers', filter: named[0]!.name, sort: {column: 'name', descending: false}}},
			};
			mkdirSync(join(set, 'crm.operators'), {mode: 0o700});
			writeFileSync(join(set, 'crm.operators', 'ada.json'), JSON.stringify(view), {mode: 0o600});
			// A write keeps the file as it was as a backup (plain, before the encryption) …
			const added = await crm(['customer', 'add', '--set', 'name=Zephyr 秘密 Labs', '--data', data]);
			expect(added.code, added.err).toBe(0);
			secrets.push('Zephyr 秘密 Labs');
			const before = sealableFiles(set);
			expect(before.filter((name) => name.startsWith('crm.backups/'))).not.toEqual([]);
			if (strings) {
				// -e S: every 8-bit byte counts as text, so UTF-8 names (Chinese) are found as well as ASCII ones.
				const found = execFileSync('strings', ['-a', '-e', 'S', '-n', '4', data], {encoding: 'utf8'});
				expect(
					secrets.filter((secret) => found.includes(secret)),
					'strings finds them in plain',
				).toEqual(secrets);
			}
			const holding = (name: string) => secrets.some((secret) => readFileSync(join(set, name)).includes(secret));
			const records = before.filter((name) => name !== 'crm.config.json');
			expect(records.filter(holding), 'the test can fail: the plain files hold the names').toEqual(records);

			expect((await crm(['encrypt', '--data', data, '--key-file', key])).code).toBe(0);
			// … and one after it, under the key.
			const another = await crm(['customer', 'add', '--set', 'name=Zephyr Two', '--data', data, '--key-file', key]);
			expect(another.code, another.err).toBe(0);
			const after = sealableFiles(set);
			expect(after).toEqual(expect.arrayContaining([...before, 'crm.config.json', 'crm.operators/ada.json']));
			expect(after.length).toBeGreaterThan(before.length);
			for (const name of after) {
				const bytes = readFileSync(join(set, name));
				expect(bytes.subarray(0, 8).toString('latin1'), name).toBe(sealMagic);
				for (const secret of [...secrets, 'Zephyr Two'])
					expect(bytes.includes(secret), `“${secret}” in ${name}`).toBe(false);
			}
			if (!strings && !inCi()) return;
			const stringsOf = (path: string) =>
				execFileSync('strings', ['-a', '-e', 'S', '-n', '4', path], {encoding: 'utf8'});
			for (const name of after) {
				const found = stringsOf(join(set, name));
				for (const secret of secrets)
					expect(found.includes(secret), `strings found “${secret}” in ${name}`).toBe(false);
			}
		},
	);
});

/**
 * A set seeded, written once (a plain backup), encrypted under a key file, then written twice more
 * (backups under the key): made once for the tests below, which change only copies of it.
 */
const encryptedSet = async (name: string) => {
	const made = await newSet(name);
	const key = join(made.keys, 'crm.key');
	const write = async (customer: string, keyArgs: string[]) => {
		const added = await crm(['customer', 'add', '--set', `name=${customer}`, '--data', made.data, ...keyArgs]);
		expect(added.code, added.err).toBe(0);
	};
	await write('Before Encryption', []);
	const encrypted = await crm(['encrypt', '--data', made.data, '--key-file', key]);
	expect(encrypted.code, encrypted.err).toBe(0);
	for (const customer of ['Second Write', 'Third Write']) await write(customer, ['--key-file', key]);
	return {...made, key, keyId: keyIdOfFile(made.data)!};
};

type Pristine = Awaited<ReturnType<typeof encryptedSet>>;
let shared: Promise<Pristine> | undefined;
const sharedSet = (): Promise<Pristine> => {
	shared ??= encryptedSet('enc-shared');
	return shared;
};

describe('a wrong key, or none: one line naming the file and the key, exit 2, nothing changed', () => {
	let set: Pristine;
	let other: string;
	let otherId: string;
	let csv: string;
	let elsewhere: string;

	beforeAll(async () => {
		set = await sharedSet();
		other = makeKeyFile(join(set.keys, 'other.key'));
		otherId = (await readKeyFile(other)).id;
		csv = join(set.folder, 'new.csv');
		writeFileSync(csv, 'name,email\nAda Quill,ada@quill.example\n');
		elsewhere = join(set.folder, 'copy', 'crm.json');
		mkdirSync(join(set.folder, 'copy'));
	});

	type Row = {command: string; args: () => string[]; byVariable?: boolean};
	const rows: Row[] = [
		{command: 'report', args: () => ['report']},
		{command: 'export', args: () => ['export', 'customers']},
		{command: 'customers list', args: () => ['customers', 'list']},
		{command: 'customer add', args: () => ['customer', 'add', '--set', 'name=Never Saved']},
		{command: 'seed --force', args: () => ['seed', '--force', ...seedArgs]},
		{command: 'import', args: () => ['import', 'customers', csv]},
		{command: 'fold', args: () => ['fold']},
		{command: 'audit verify', args: () => ['audit', 'verify']},
		{command: 'settings base', args: () => ['settings', 'base', 'EUR']},
		{command: 'decrypt', args: () => ['decrypt']},
		// Refused before the new key file is made.
		{command: 'encrypt --rotate', args: () => ['encrypt', '--rotate', '--to-key-file', join(set.keys, 'never.key')]},
		// crm copy takes --from, not --data: its key comes from CRM_KEY_FILE (see the --key-file test below).
		{command: 'copy --to', args: () => ['copy', '--from', set.data, '--to', elsewhere], byVariable: true},
	];
	const modes = ['another key', 'no key'] as const;
	const cases = rows.flatMap((row) => modes.map((mode) => ({...row, mode})));

	const attempt = async ({args, byVariable = false}: Row, mode: (typeof modes)[number]): Promise<Outcome> => {
		const given = mode === 'another key';
		const data = byVariable ? [] : ['--data', set.data];
		const keyFlag = given && !byVariable ? ['--key-file', other] : [];
		return crm([...args(), ...data, ...keyFlag], given && byVariable ? {CRM_KEY_FILE: other} : {});
	};

	const refusedAlike = async (row: Row, mode: (typeof modes)[number]) => {
		const before = snapshot(set.set);
		const outcome = await attempt(row, mode);
		const named = new RegExp(`${escapeRegExp(set.set)}/crm(\\.config)?\\.json is (sealed|encrypted)`);
		const keys = mode === 'another key' ? [`key ${set.keyId}`, `(${otherId})`] : [`key ${set.keyId}`];
		expectOneLine(outcome, 2, named, ...keys);
		// Said as it is, not wrapped in "could not be read … check the path" (a key is not a path).
		expect(outcome.err).not.toMatch(/could not be read|Check the path/);
		expect(snapshot(set.set)).toEqual(before);
		expect(existsSync(elsewhere)).toBe(false);
		expect(existsSync(join(set.keys, 'never.key'))).toBe(false);
	};

	test.concurrent.for(cases)('$command with $mode', async (row) => refusedAlike(row, row.mode));

	test.concurrent.for(modes)(
		'doctor with %s: the file refused in its area, the Encryption line said from the headers (exit 1)',
		async (mode) => {
			const before = snapshot(set.set);
			const doctor = await crm([
				'doctor',
				'--data',
				set.data,
				...(mode === 'another key' ? ['--key-file', other] : []),
			]);
			expect(doctor.code).toBe(1);
			expect(doctor.out).toMatch(new RegExp(`BAD +File +${escapeRegExp(set.data)} is sealed .*key ${set.keyId}`));
			expect(doctor.out).toMatch(
				new RegExp(`ok +Encryption +all \\d+ files of the set are encrypted under key ${set.keyId}`),
			);
			expect(snapshot(set.set)).toEqual(before);
		},
	);

	test('the right key by CRM_KEY_FILE copies (the copy is the set, its audit head the same)', async () => {
		const head = await headOf(set.data, ['--key-file', set.key]);
		const copied = await crm(['copy', '--from', set.data, '--to', elsewhere], {CRM_KEY_FILE: set.key});
		expect(copied.code, copied.err).toBe(0);
		expect(copied.out).toContain(head);
		rmSync(join(set.folder, 'copy'), {recursive: true});
		mkdirSync(join(set.folder, 'copy'));
	});

	test('crm copy takes --key-file as every other command does', async () => {
		const copied = await crm(['copy', '--from', set.data, '--to', elsewhere, '--key-file', set.key]);
		expect(copied.err).toBe('');
		expect(copied.code).toBe(0);
	});
});

describe('a tampered or cut file, a loose key file: one line, exit 2, nothing changed', () => {
	let pristine: Pristine;
	let sequence = 0;

	beforeAll(async () => {
		pristine = await sharedSet();
	});

	/** A copy of the encrypted set to damage (the key file stays where it is). */
	const freshCopy = (): {set: string; data: string} => {
		const set = join(pristine.folder, `copy${++sequence}`);
		copySet(pristine.set, set);
		return {set, data: join(set, 'crm.json')};
	};

	const flip = (path: string, at: (length: number) => number) => {
		const bytes = readFileSync(path);
		const index = at(bytes.length);
		bytes[index] = bytes[index]! ^ 0x01;
		writeFileSync(path, bytes);
	};
	const bodyStart = (bytes: Buffer) => 10 + bytes.readUInt16BE(8);
	const cut = (path: string, at: (bytes: Buffer) => number) => {
		const bytes = readFileSync(path);
		writeFileSync(path, bytes.subarray(0, at(bytes)));
	};
	/** A chunk on disk: 64 KiB of text and its 16-byte tag. */
	const sealedChunk = 65536 + 16;

	const damages = [
		{
			damage: 'a byte flipped in the middle of the data file',
			file: 'crm.json',
			words: /is damaged \(chunk \d+ fails its check/,
			change: (path: string) => flip(path, (length) => length >> 1),
		},
		{
			damage: 'the data file cut at the end of its second chunk',
			file: 'crm.json',
			words: /is cut short/,
			change: (path: string) => cut(path, (bytes) => bodyStart(bytes) + 2 * sealedChunk),
		},
		{
			damage: 'the data file cut inside its header',
			file: 'crm.json',
			words: /is cut short/,
			change: (path: string) => cut(path, () => 20),
		},
		{
			damage: 'a byte flipped in the settings',
			file: 'crm.config.json',
			words: /is damaged/,
			change: (path: string) => flip(path, (length) => length - 20),
		},
	];

	test.concurrent.for(damages)('$damage', async ({file, words, change}) => {
		const {set, data} = freshCopy();
		change(join(set, file));
		const before = snapshot(set);
		const named = new RegExp(`${escapeRegExp(join(set, file))} ${words.source}`);
		// Exporting records reads the data file alone, a report the settings as well.
		const reading = file === 'crm.json' ? ['export', 'customers'] : ['report'];
		for (const args of [reading, ['customer', 'add', '--set', 'name=Never Saved']]) {
			const outcome = await crm([...args, '--data', data, '--key-file', pristine.key]);
			expectOneLine(outcome, 2, named);
			expect(outcome.err).toContain('restore a backup');
		}
		if (file === 'crm.json') {
			const doctor = await crm(['doctor', '--data', data, '--key-file', pristine.key]);
			expect(doctor.code).toBe(1);
			expect(doctor.out).toMatch(new RegExp(`BAD +File +${named.source}`));
		}
		expect(snapshot(set)).toEqual(before);
	});

	test('a backup kept before the damage brings the set back (crm doctor --restore), still encrypted', async () => {
		const {set, data} = freshCopy();
		flip(data, (length) => length >> 1);
		const restored = await crm(['doctor', '--restore', '1', '--data', data, '--key-file', pristine.key]);
		expect(restored.code, restored.err).toBe(0);
		expect(keyIdOfFile(data)).toBe(pristine.keyId);
		const listed = await crm(['export', 'customers', '--data', data, '--key-file', pristine.key]);
		expect(listed.code, listed.err).toBe(0);
		// The newest backup: the set before its last write.
		expect(listed.out).toContain('Second Write');
		expect(listed.out).not.toContain('Third Write');
		expect(filesUnder(set).every((name) => !name.endsWith('.tmp'))).toBe(true);
	});

	const keyFiles = [
		{keyFile: 'mode 644', mode: 0o644, words: 'may be read or written by others (mode 0644): run `chmod 600 PATH`'},
		{keyFile: 'mode 604', mode: 0o604, words: 'may be read or written by others (mode 0604): run `chmod 600 PATH`'},
		{keyFile: 'missing', mode: null, words: 'The key file PATH does not exist'},
		{keyFile: 'empty', content: '', mode: 0o600, words: 'The key file PATH does not hold a key'},
		{keyFile: 'not a key', content: 'hunter2\n', mode: 0o600, words: 'The key file PATH does not hold a key'},
		{keyFile: 'a folder', folder: true, mode: 0o700, words: 'The key file PATH is a folder'},
	];

	test.concurrent.for(keyFiles)('a key file $keyFile: refused, naming it', async ({mode, words, content, folder}) => {
		const path = join(pristine.keys, `case${++sequence}.key`);
		if (folder) mkdirSync(path);
		else if (mode !== null) writeFileSync(path, content ?? readFileSync(pristine.key));
		if (mode !== null) execFileSync('chmod', [mode.toString(8), path]);
		const before = snapshot(pristine.set);
		const outcome = await crm(['export', 'customers', '--data', pristine.data, '--key-file', path]);
		expectOneLine(outcome, 2, words.replaceAll('PATH', path));
		expect(snapshot(pristine.set)).toEqual(before);
	});

	test('a key file of mode 400 (read-only, its owner alone) opens the set', async () => {
		const path = join(pristine.keys, 'read-only.key');
		writeFileSync(path, readFileSync(pristine.key), {mode: 0o400});
		const outcome = await crm(['export', 'customers', '--data', pristine.data, '--key-file', path]);
		expect(outcome.err).toBe('');
		expect(outcome.code).toBe(0);
	});

	test('an empty --key-file is no key: the data file named, with its key', async () => {
		const outcome = await crm(['export', 'customers', '--data', pristine.data, '--key-file', '']);
		expectOneLine(outcome, 2, `${pristine.data} is sealed with a key file (key ${pristine.keyId})`);
	});
});

describe('crm encrypt --rotate killed (SIGKILL) at many moments, then run again', () => {
	/**
	 * When the rotation is killed: once it has said N files written (it is then on the next one), or a
	 * few ms after that (inside the next file's write). Files go settings, metrics log, the three backups,
	 * then the data file. Counted by its own output, not by the clock, so the moments hold on a busy machine.
	 */
	const moments = [
		{moment: 'after 1 file written', files: 1},
		{moment: 'after 2 files written', files: 2},
		{moment: 'after 3 files written', files: 3},
		{moment: 'after 4 files written', files: 4},
		{moment: 'after 5 files written (on the data file)', files: 5},
		{moment: '15 ms after the 5th file (inside the data file’s write)', files: 5, ms: 15},
	];
	let pristine: Pristine;
	let newKey: string;
	let newId: string;
	let exported: string;
	let head: string;
	let sequence = 0;

	beforeAll(async () => {
		pristine = await sharedSet();
		expect(filesUnder(pristine.set).filter((name) => name.startsWith('crm.backups/')).length).toBeGreaterThanOrEqual(3);
		newKey = makeKeyFile(join(pristine.keys, 'new.key'));
		newId = (await readKeyFile(newKey)).id;
		exported = (await exportAll(pristine.data, ['--key-file', pristine.key], ['customers']))[0]!;
		head = await headOf(pristine.data, ['--key-file', pristine.key]);
	});

	/** `crm encrypt --rotate` of the set at `data`, from the pristine key to the new one. */
	const rotation = (data: string) => [
		'encrypt',
		'--rotate',
		'--data',
		data,
		'--key-file',
		pristine.key,
		'--to-key-file',
		newKey,
	];

	const killedRotation = async (data: string, when: {files: number; ms?: number}): Promise<Outcome> => {
		const run = startCrm(rotation(data));
		let killing = false;
		run.child.stdout?.on('data', () => {
			if (killing || run.outcome.out.split('\n').filter((line) => line.startsWith('  /')).length < when.files) return;
			killing = true;
			setTimeout(() => run.child.kill('SIGKILL'), when.ms ?? 0);
		});
		return run.done;
	};

	/** Each file of the set, with the key its header names; none plain, none under a third key. */
	const keysOfSet = (set: string): Map<string, string | null> => {
		const keys = new Map(sealableFiles(set).map((name) => [name, keyIdOfFile(join(set, name))]));
		for (const [name, id] of keys) expect([pristine.keyId, newId], name).toContain(id);
		// A save killed half-way leaves its temporary file: written under the new key, never in plain.
		for (const name of filesUnder(set).filter((file) => file.endsWith('.tmp'))) {
			const start = readFileSync(join(set, name)).subarray(0, 8).toString('latin1');
			expect(sealMagic.startsWith(start), name).toBe(true);
		}
		return keys;
	};

	test.concurrent.for(moments)(
		'killed $moment: every file under one of the two keys, doctor says which, a second run finishes',
		async (when) => {
			const set = join(pristine.folder, `run${++sequence}`);
			copySet(pristine.set, set);
			const data = join(set, 'crm.json');
			const killed = await killedRotation(data, when);
			expect(killed.signal === 'SIGKILL' || killed.code === 0, killed.err).toBe(true);

			const keys = keysOfSet(set);
			const dataKey = keys.get('crm.json') === newId ? newKey : pristine.key;
			const doctor = await crm(['doctor', '--data', data, '--key-file', dataKey]);
			const mixed = new Set(keys.values()).size > 1;
			expect(doctor.code, doctor.out).toBe(mixed ? 1 : 0);
			if (mixed) for (const [name, id] of keys) expect(doctor.out).toContain(`- ${name}: key ${id}, a key file`);
			else expect(doctor.out).toMatch(/Encryption +all \d+ files of the set are encrypted under key/);
			// The data file opens with its key, its records as the change log left them.
			expect(doctor.out).toMatch(/ok +Audit chain +intact/);

			if (keys.get('crm.json') === pristine.keyId) {
				const again = await crm(rotation(data));
				expect(again.err).toBe('');
				expect(again.code).toBe(0);
				const already = [...keys.values()].filter((id) => id === newId).length;
				const said = new RegExp(`re-encrypted under key ${newId} .*: \\d+ files written, (\\d+) already so`).exec(
					again.out,
				);
				// The metrics log (not counted here) may be one more.
				expect(Number(said?.[1])).toBeGreaterThanOrEqual(already);
			}
			for (const [name, id] of keysOfSet(set)) expect(id, name).toBe(newId);
			// Nothing lost (both only read: side by side).
			const [done, records] = await Promise.all([
				crm(['doctor', '--data', data, '--key-file', newKey]),
				exportAll(data, ['--key-file', newKey], ['customers']),
			]);
			expect(done.out).toMatch(new RegExp(`Encryption +all \\d+ files of the set are encrypted under key ${newId}`));
			expect(done.code, done.out).toBe(0);
			// The same records, field by field: a data file renamed in by the killed run has no load stamp yet, so its
			// records are checked on load, and a checked record's fields are written in the schema's order.
			expect(records.map((text) => JSON.parse(text))).toEqual([JSON.parse(exported)]);
		},
	);

	test('a rotation run through: the records and audit head as they were, the old key opens nothing', async () => {
		const set = join(pristine.folder, `run${++sequence}`);
		copySet(pristine.set, set);
		const data = join(set, 'crm.json');
		const rotated = await crm(rotation(data));
		expect(rotated.err).toBe('');
		expect(rotated.code).toBe(0);
		expect(rotated.out).toContain(`re-encrypted under key ${newId} (the key file ${newKey})`);
		expect(await headOf(data, ['--key-file', newKey])).toBe(head);
		for (const args of [['report'], ['export', 'customers'], ['doctor']]) {
			const old = await crm([...args, '--data', data, '--key-file', pristine.key]);
			if (args[0] === 'doctor') {
				expect(old.out).toContain(`is sealed with key ${newId}, not with the key given`);
				expect(old.code).toBe(1);
			} else expectOneLine(old, 2, `is sealed with key ${newId}, not with the key given (${pristine.keyId})`);
		}
	});

	test('a rotation that finished, run again: nothing left to do, exit 0', async () => {
		const set = join(pristine.folder, `run${++sequence}`);
		copySet(pristine.set, set);
		const data = join(set, 'crm.json');
		expect((await crm(rotation(data))).code).toBe(0);
		const again = await crm(rotation(data));
		expect(again.err).toBe('');
		expect(again.code).toBe(0);
		expect(again.out).toMatch(/0 files written/);
	});
});

describe.skipIf(!tmuxAvailable() && !inCi())('a passphrase typed at a terminal (tmux, 80x24)', () => {
	const passphrase = 'QQXJZ钥匙';
	let set: string;
	let data: string;
	/** The terminal where `crm encrypt --passphrase` ran, as it was left. */
	let encrypted: string;

	/** Everything the terminal showed, scrolled off or not. */
	const history = (name: string): string => tmuxServer('capture-pane', '-p', '-J', '-S', '-', '-t', name);
	const expectUnseen = (screen: string) => {
		expect(screen).not.toContain('QQXJZ');
		for (const character of '钥匙') expect(screen).not.toContain(character);
	};
	const crmAtTerminal = (args: string[]) =>
		startInTmux({args, width: 80, height: 24, env: {LANG: 'C.UTF-8', CRM_DATA: '', CRM_KEY_FILE: ''}});
	const questions = (screen: string): number => screen.match(/Passphrase for \S+:/g)?.length ?? 0;
	const asked = (count: number) => (screen: string) => questions(screen) === count && /:$/.test(screen.trimEnd());

	// The set is encrypted with the passphrase at a terminal once; each test then opens (or fails to open) it.
	beforeAll(async () => {
		({set, data} = await newSet('enc-passphrase'));
		const encrypt = crmAtTerminal(['encrypt', '--passphrase', '--data', data]);
		await encrypt.waitFor((screen) => screen.includes(`New passphrase for ${data}:`), 'the first question');
		encrypt.type(passphrase);
		encrypt.press('Enter');
		await encrypt.waitFor((screen) => screen.includes('The same passphrase again:'), 'the second question');
		encrypt.type(passphrase);
		encrypt.press('Enter');
		await encrypt.waitFor((screen) => screen.includes('[exited 0]'), 'the encryption', 30_000);
		encrypted = history(encrypt.name);
	});

	test('crm encrypt --passphrase asks it twice, crm report asks it once and works; nothing typed shows', async () => {
		expect(encrypted).toMatch(/is encrypted under key [0-9a-f]{16} \(a passphrase\)/);
		expectUnseen(encrypted);
		expect(headerKeyOf(readFileSync(data))?.kind).toBe('passphrase');

		const report = crmAtTerminal(['report', '--period', '2026-10', '--data', data]);
		await report.waitFor(asked(1), 'the question');
		report.type(passphrase);
		report.press('Enter');
		await report.waitFor((screen) => screen.includes('[exited 0]'), 'the report', 30_000);
		expect(questions(history(report.name))).toBe(1);
		expect(history(report.name)).toContain('2026-10');
		expectUnseen(history(report.name));
	});

	test('three wrong passphrases: exit 2 after the third, nothing changed', async () => {
		const before = snapshot(set);
		const wrong = crmAtTerminal(['customer', 'add', '--set', 'name=Never Saved', '--data', data]);
		for (const [count, left] of [
			[1, '2 tries left'],
			[2, '1 try left'],
		] as const) {
			await wrong.waitFor(asked(count), `question ${count}`);
			wrong.type(`${passphrase}x`);
			wrong.press('Enter');
			await wrong.waitFor((screen) => screen.includes(left), left);
		}
		await wrong.waitFor(asked(3), 'the last question');
		wrong.type('QQXJZ');
		wrong.press('Enter');
		await wrong.waitFor((shown) => shown.includes('[exited') || asked(4)(shown), 'the end');
		// The lines as written, not as the 80 columns wrap them.
		const screen = wrong.capture(false, true);
		expectUnseen(history(wrong.name));
		wrong.kill();
		expect(snapshot(set)).toEqual(before);
		expect(screen).toMatch(/crm(\.config)?\.json was not opened: three passphrases typed/);
		expect(screen).toContain('[exited 2]');
	});

	test('Ctrl+C at the question stops the command (exit 130)', async () => {
		const stopped = crmAtTerminal(['report', '--data', data]);
		await stopped.waitFor(asked(1), 'the question');
		stopped.type('QQ');
		stopped.press('C-c');
		const screen = await stopped.waitFor((shown) => shown.includes('[exited') || asked(2)(shown), 'the end');
		stopped.kill();
		expect(screen).toContain('[exited 130]');
	});

	test('without a terminal nothing can type it; a key file given for it is refused', async () => {
		const before = snapshot(set);
		expectOneLine(
			await crm(['report', '--data', data]),
			2,
			/crm(\.config)?\.json is sealed with a passphrase, which only a terminal/,
		);
		const keyFile = makeKeyFile(join(set, '..', 'some.key'));
		expectOneLine(
			await crm(['report', '--data', data, '--key-file', keyFile]),
			2,
			/crm(\.config)?\.json is sealed with a passphrase \(key [0-9a-f]{16}\), not with the key file given/,
		);
		expect(snapshot(set)).toEqual(before);
	});
});

describe('what crm encrypt and crm decrypt refuse: one line, the set as it was, no key file made', () => {
	let sealed: Pristine;
	let plain: string;
	let newKey: string;

	beforeAll(async () => {
		sealed = await sharedSet();
		plain = join(sealed.folder, 'plain.json');
		await seed(plain);
		newKey = join(sealed.keys, 'never.key');
	});

	const refusals = [
		{
			refused: 'encrypting an encrypted set',
			code: 2,
			args: () => ['encrypt', '--data', sealed.data, '--key-file', newKey],
			words: () =>
				`${sealed.data} is encrypted already (key ${sealed.keyId}): to change its key, run crm encrypt --rotate`,
		},
		{
			refused: 'decrypting a plain set',
			code: 2,
			args: () => ['decrypt', '--data', plain],
			words: () => `${plain} is not encrypted`,
		},
		{
			refused: 'rotating a plain set',
			code: 2,
			args: () => ['encrypt', '--rotate', '--data', plain, '--to-key-file', newKey],
			words: () => `${plain} is not encrypted`,
		},
		{
			refused: '--to-key-file without --rotate',
			code: 2,
			args: () => ['encrypt', '--data', plain, '--to-key-file', newKey],
			words: () => '--to-key-file names the new key of a rotation',
		},
		{
			refused: 'a key file and --passphrase',
			code: 2,
			args: () => ['encrypt', '--data', plain, '--key-file', newKey, '--passphrase'],
			words: () => 'Give one new key',
		},
		{
			refused: '--passphrase with no terminal',
			code: 2,
			args: () => ['encrypt', '--data', plain, '--passphrase'],
			words: () => '--passphrase asks for the passphrase at a terminal, and there is none here',
		},
		{
			refused: 'no key at all',
			code: 2,
			args: () => ['encrypt', '--data', plain],
			words: () => 'Say which key to encrypt with',
		},
		{
			refused: 'an empty --key-file',
			code: 2,
			args: () => ['encrypt', '--data', plain, '--key-file', ''],
			words: () => 'Say which key to encrypt with',
		},
		{
			refused: 'a database URL',
			code: 2,
			args: () => ['encrypt', '--data', 'postgres://crm@localhost:5432/crm', '--key-file', newKey],
			words: () => 'crm encrypts data files, not databases',
		},
		{
			refused: 'a missing data file',
			code: 2,
			args: () => ['encrypt', '--data', join(sealed.folder, 'none.json'), '--key-file', newKey],
			words: () => `${join(sealed.folder, 'none.json')} does not exist: there is nothing to encrypt`,
		},
		{
			refused: 'encrypt --readonly',
			code: 1,
			args: () => ['encrypt', '--data', plain, '--key-file', newKey, '--readonly'],
			words: () => '--readonly: encrypting or decrypting rewrites every file of the set, so it did nothing',
		},
	];

	test.concurrent.for(refusals)('$refused', async ({code, args, words}) => {
		const before = snapshot(sealed.folder);
		expectOneLine(await crm(args()), code, words());
		expect(snapshot(sealed.folder)).toEqual(before);
		expect(existsSync(newKey)).toBe(false);
	});
});
