import {execFile, execFileSync} from 'node:child_process';
import {mkdir, mkdtemp, rm, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {promisify} from 'node:util';
import {afterAll, beforeAll, describe, expect, test} from 'vitest';
import {bashCompletes} from '../support/bash-completion.js';
import {cliPath} from '../support/tmux.js';

/**
 * Issue 21: `crm help <command>` and shell completion, from the built crm. The bash script is loaded
 * as an operator loads it (`source <(crm completion bash)`) in a real bash and asked what a TAB offers.
 */
let folder: string;

type Outcome = {code: number; out: string; err: string};

const environment = (): NodeJS.ProcessEnv => {
	const base: NodeJS.ProcessEnv = {...process.env, CRM_DATA: '', LANG: 'C'};
	for (const name of ['CRM_LANG', 'LC_ALL', 'LC_MESSAGES']) delete base[name];
	return base;
};

const run = async (args: string[]): Promise<Outcome> => {
	try {
		const {stdout, stderr} = await promisify(execFile)(process.execPath, [cliPath, ...args], {env: environment()});
		return {code: 0, out: stdout, err: stderr};
	} catch (error) {
		const failure = error as {code: number; stdout: string; stderr: string};
		return {code: failure.code, out: failure.stdout, err: failure.stderr};
	}
};

const stackTrace = /^\s+at .+[(\s].*:\d+:\d+\)?$/m;

const quote = (text: string): string => `'${text.replace(/'/g, `'\\''`)}'`;
const load = (): string => `source <(${quote(process.execPath)} ${quote(cliPath)} completion bash)`;
const completes = (line: string): Promise<string[]> => bashCompletes(load(), line, {cwd: folder, env: environment()});

beforeAll(async () => {
	folder = await mkdtemp(join(tmpdir(), 'crm-completion-'));
	await writeFile(join(folder, 'team.json'), '{}');
	await writeFile(join(folder, 'leads.csv'), '');
	await mkdir(join(folder, 'backups'));
});

afterAll(async () => {
	await rm(folder, {recursive: true, force: true});
});

describe('crm completion bash, in a real bash', () => {
	test.each([
		['crm cus', ['customer', 'customers']],
		['crm dea', ['deal', 'deals']],
		['crm xyz', []],
		['crm settings product ', ['add', 'help', 'list', 'remove']],
		['crm --data ', ['backups', 'leads.csv', 'team.json']],
		['crm --data t', ['team.json']],
		['crm report --data l', ['leads.csv']],
		['crm --lang ', ['en', 'zh-CN']],
		['crm customers list --lang z', ['zh-CN']],
		['crm import customers ', ['backups', 'leads.csv', 'team.json']],
		['crm export o', ['opportunities', 'orders']],
		['crm help cu', ['customer', 'customers']],
		['crm help deal ', ['add', 'advance', 'back', 'delete', 'help', 'list', 'lost', 'show', 'stage', 'update', 'won']],
		['crm help settings product r', ['remove']],
		['crm help nosuch ', []],
		['crm customers show ', []],
	])('%j → %j', async (line, words) => {
		expect(await completes(line)).toEqual(words);
	});

	test.each([
		['crm customers ', ['list', 'show']],
		['crm deal ', ['list', 'show']],
		['crm followup ', ['list', 'show']],
		['crm report --', ['--period', '--format', '--data', '--lang', '--help']],
		['crm customers list --', ['--where', '--sort', '--json', '--fields']],
		['crm --', ['--data', '--demo', '--readonly', '--version']],
		['crm ', ['report', 'import', 'customers', 'opportunities', 'activities', 'help', 'completion']],
		['crm export ', ['customers', 'feedback', 'surveys']],
	])('%j offers at least %j', async (line, words) => {
		expect(await completes(line)).toEqual(expect.arrayContaining(words));
	});

	test('an empty TAB lists each command once, its aliases only once a letter is typed', async () => {
		const offered = await completes('crm ');
		expect(offered).not.toContain('deal');
		expect(new Set(offered).size).toBe(offered.length);
	});
});

describe('crm help', () => {
	test.each([
		[['help'], ['--help']],
		[
			['help', 'customers'],
			['customers', '--help'],
		],
		[
			['help', 'deal', 'list'],
			['opportunities', 'list', '--help'],
		],
		[
			['help', 'settings', 'product', 'add'],
			['settings', 'product', 'add', '--help'],
		],
		[
			['help', 'customers', 'help'],
			['customers', '--help'],
		],
		[
			['--lang', 'zh-CN', 'help', 'report'],
			['report', '--help', '--lang', 'zh-CN'],
		],
	])('crm %j says what crm %j says, exit 0', async (words, same) => {
		const help = await run(words);
		expect(help).toEqual({code: 0, out: (await run(same)).out, err: ''});
		expect(help.out).toMatch(/^(Usage|用法)/);
	});

	test.each([
		[['order', 'add', '--help'], 'Fields: customerId, opportunityId, status, orderedAt, currency, lines.N, owner,'],
		[['help', 'order', 'add'], 'lines.N is an order’s line N (0 the first)'],
		[['customer', 'update', '-h'], '\nFields: name, company, email, phone, status, segment, owner, tags, notes,'],
		[['--lang', 'zh-CN', 'help', 'ticket', 'add'], '\n字段：subject, customerId, type, priority,'],
	])('crm %j lists the fields add and update take, after the options', async (words, fields) => {
		const help = await run(words);
		expect(help.code).toBe(0);
		expect(help.out).toContain(fields);
	});

	test('a command that takes no fields lists none', async () => {
		expect((await run(['customer', 'delete', '--help'])).out).not.toContain('Fields:');
		expect((await run(['help', 'deal', 'won'])).out).not.toContain('Fields:');
	});

	test.each([
		[['help', 'nosuch'], 'crm: crm has no command "nosuch". Its commands: seed, report'],
		[
			['help', 'customers', 'frob'],
			'crm: crm customers has no command "frob". Its commands: list, show, add, update, delete, help.',
		],
		[['help', 'report', 'x'], 'crm: crm report has no command "x". Its commands: none.'],
		[['help', 'bad\u001b[2Jname'], 'crm: crm has no command "bad\\x1b[2Jname".'],
		[['--lang', 'zh-CN', 'help', 'nosuch'], 'crm：crm 下没有名为“nosuch”的命令。可用的命令：seed, report'],
		[['completion', 'fish'], 'crm: there is no completion for the shell "fish": name one of bash, zsh.'],
		[['completion', ''], 'crm: there is no completion for the shell "": name one of bash, zsh.'],
		[['--lang', 'zh-CN', 'completion', 'fish'], 'crm：不支持为 shell“fish”生成补全脚本：请指定 bash, zsh 之一。'],
		[['completion'], "error: missing required argument 'shell'"],
		[['completion', 'bash', 'zsh'], "error: too many arguments for 'completion'"],
	])('crm %j exits 2: %s', async (words, message) => {
		const refused = await run(words);
		expect(refused.code).toBe(2);
		expect(refused.out).toBe('');
		expect(refused.err).toContain(message);
		expect(refused.err).not.toMatch(stackTrace);
	});
});

const zsh = (() => {
	try {
		return execFileSync('sh', ['-c', 'command -v zsh'], {encoding: 'utf8'}).trim() || null;
	} catch {
		return null;
	}
})();

/** CI installs zsh (`.ci/run`), so there the tests run or fail; elsewhere they are skipped without it. */
describe.skipIf(zsh === null && !process.env.CI)('crm completion zsh, in a real zsh', () => {
	test('zsh is installed where CI runs', () => {
		expect(zsh, 'zsh on the PATH (.ci/run installs it)').not.toBeNull();
	});

	test('the script parses, and once sourced after compinit crm completes with _crm', async () => {
		const script = join(folder, '_crm');
		await writeFile(script, (await run(['completion', 'zsh'])).out);
		execFileSync(zsh!, ['-n', script]);
		const registered = execFileSync(
			zsh!,
			['-c', `autoload -U compinit; compinit -u; source ${quote(script)}; print -r -- $_comps[crm]`],
			{encoding: 'utf8', env: {...environment(), HOME: folder}},
		);
		expect(registered.trim()).toBe('_crm');
	});

	/**
	 * What a TAB offers, in zsh: `_crm` runs with the line's words as the completion system hands them
	 * over, and compadd records what it is given (zsh then matches those against the word typed).
	 */
	const offered = async (line: string): Promise<string[]> => {
		const script = join(folder, '_crm');
		await writeFile(script, (await run(['completion', 'zsh'])).out);
		const words = line.split(' ');
		const program = [
			'compdef() { :; }',
			'compadd() { while [[ $1 == -* ]]; do [[ $1 == -- ]] && { shift; break; }; shift; done; print -rl -- "$@"; }',
			"_files() { print -r -- '<files>'; }",
			'compset() { :; }',
			`source ${quote(script)}`,
			`words=(${words.map(quote).join(' ')}); CURRENT=${words.length}`,
			'_crm || true',
		].join('\n');
		const printed = execFileSync(zsh!, ['-f', '-c', program], {encoding: 'utf8', env: environment()});
		return printed.split('\n').filter((word) => word !== '' && word.startsWith(words.at(-1)!));
	};

	test.each([
		['crm cus', ['customers', 'customer']],
		['crm deal ', ['list', 'show', 'won', 'lost', 'stage', 'advance', 'back', 'add', 'update', 'delete', 'help']],
		['crm --lang ', ['en', 'zh-CN']],
		['crm help deal ', ['list', 'show', 'won', 'add', 'delete']],
		['crm --data ', ['<files>']],
		['crm customers list --', ['--filter', '--where', '--sort', '--desc', '--limit', '--data', '--json']],
	])('%j offers what bash offers', async (line, expected) => {
		const words = await offered(line);
		for (const word of expected) expect(words).toContain(word);
	});

	test('what does not belong is not offered: no entities after a deal, nothing after an unknown word', async () => {
		expect(await offered('crm deal ')).not.toContain('customers');
		expect(await offered('crm xyz ')).toEqual([]);
	});
});
