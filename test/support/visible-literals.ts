import {existsSync, readdirSync, readFileSync, statSync} from 'node:fs';
import {join, relative} from 'node:path';
import ts from 'typescript';

/**
 * Finds the string literals of the source that read as words to a person — text that must come from
 * the catalog (`source/i18n`) instead. A literal is such words when, outside its `${…}` parts, it has
 * two words of letters side by side (`Saved the file`), or one capitalised word followed by lowercase
 * (`Customers`), or ends a sentence (`failed.`); and it is not in a place no person reads:
 *
 * - an import or export's module, a type, an object's key, an element's index, a `case` or a
 *   comparison (`=== 'Closed won'` compares data, it does not show it);
 * - the argument of `t(…)` (a key), of `query(…)` (SQL) or of a function that takes English by design: the keymap's
 *   `description` and `hint` (its Chinese words are `catalogs/keymap-zh.ts`, held to it by a test);
 * - a line or the line above marked `// i18n-exempt: why` (data, a format, a log for developers).
 *
 * JSX text (`<Text>Saved</Text>`) is words whenever it has a letter.
 */
export type VisibleLiteral = {file: string; line: number; text: string};

/** The folders and files whose words can reach a person, as the issue lists them. */
export const reachingAPerson = [
	'source/ui',
	'source/commands',
	'source/cli',
	'source/cli.tsx',
	'source/domain',
	'source/assessment',
	'source/store',
];

/** Files whose literals are data, not words to a person (demo names, word lists of the data itself). */
const dataFiles = [/\/demo-[^/]*\.ts$/, /\/catalogs\//];

const words = (text: string): boolean => {
	// A word beside a value: `by ${column}`, `${count} rows`.
	if (/(^|\s)[a-z]{2,}\s+\$\{|\}\s+[a-z]{2,}(\s|$)/.test(text)) return true;
	const letters = text.replace(/\$\{[^}]*\}/g, ' ');
	if (/\b(https?|file):\/\//.test(letters) && !/\s\w+\s/.test(letters.replace(/\S*:\/\/\S*/g, ''))) return false;
	if (/[A-Za-z]{2,}[,;:]?\s+[A-Za-z]{2,}/.test(letters)) return true;
	if (/^[A-Z][a-z]{2,}/.test(letters.trim())) return true;
	return /[A-Za-z]{2,}[.!?]$/.test(letters.trim()) && /\s/.test(letters.trim());
};

const exemptLines = (text: string): Set<number> => {
	const lines = new Set<number>();
	text.split('\n').forEach((line, index) => {
		if (!line.includes('i18n-exempt')) return;
		lines.add(index + 1);
		if (/^\s*(\/\/|\/\*|\{\s*\/\*)/.test(line)) lines.add(index + 2);
	});
	return lines;
};

/** Calls whose string arguments are not words to a person. */
const keyCalls = new Set([
	't',
	'keyDescription',
	'keyHint',
	'require',
	'import',
	'Symbol',
	'RegExp',
	'describe',
	'test',
	'localeCompare',
	'startsWith',
	'endsWith',
	'includes',
	'split',
	'join',
	'replace',
	'replaceAll',
	'padStart',
	'padEnd',
	'indexOf',
	'getItem',
	'has',
	'get',
	'Intl.NumberFormat',
	// SQL and its parameters, sent to the database (pg's `query`), never shown.
	'query',
]);

/** Object keys whose values are English by design (the keymap's, with their Chinese in keymap-zh.ts). */
const englishByDesignKeys = new Set(['description', 'hint']);

const callName = (call: ts.CallExpression | ts.NewExpression): string => {
	const callee = call.expression;
	if (ts.isIdentifier(callee)) return callee.text;
	if (ts.isPropertyAccessExpression(callee)) return callee.name.text;
	return '';
};

/** True where a literal in that place is not shown to anyone. */
const notShown = (node: ts.Node): boolean => {
	let child: ts.Node = node;
	let parent: ts.Node | undefined = node.parent;
	while (
		parent &&
		(ts.isTemplateSpan(parent) ||
			ts.isTemplateExpression(parent) ||
			ts.isParenthesizedExpression(parent) ||
			(ts.isConditionalExpression(parent) && parent.condition !== child))
	) {
		child = parent;
		parent = parent.parent;
	}
	if (!parent) return false;
	if (ts.isImportDeclaration(parent) || ts.isExportDeclaration(parent) || ts.isExternalModuleReference(parent))
		return true;
	if (ts.isLiteralTypeNode(parent) || ts.isTypeNode(parent)) return true;
	if (ts.isPropertyAssignment(parent) && parent.name === child) return true;
	if (ts.isPropertyAssignment(parent) && ts.isIdentifier(parent.name) && englishByDesignKeys.has(parent.name.text))
		return true;
	if (ts.isElementAccessExpression(parent) && parent.argumentExpression === child) return true;
	if (ts.isCaseClause(parent)) return true;
	if (ts.isBinaryExpression(parent)) {
		const operator = parent.operatorToken.kind;
		if (
			operator === ts.SyntaxKind.EqualsEqualsEqualsToken ||
			operator === ts.SyntaxKind.ExclamationEqualsEqualsToken ||
			operator === ts.SyntaxKind.EqualsEqualsToken ||
			operator === ts.SyntaxKind.ExclamationEqualsToken ||
			operator === ts.SyntaxKind.InKeyword
		)
			return true;
	}
	if ((ts.isCallExpression(parent) || ts.isNewExpression(parent)) && parent.expression !== child) {
		if (keyCalls.has(callName(parent))) return true;
	}
	if (ts.isJsxAttribute(parent) && ts.isIdentifier(parent.name) && parent.name.text === 'key') return true;
	return false;
};

const literalsOf = (path: string, text: string): VisibleLiteral[] => {
	const source = ts.createSourceFile(
		path,
		text,
		ts.ScriptTarget.Latest,
		true,
		path.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS,
	);
	const exempt = exemptLines(text);
	const found: VisibleLiteral[] = [];
	const report = (node: ts.Node, words: string) => {
		const line = source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
		if (!exempt.has(line)) found.push({file: path, line, text: words});
	};
	const visit = (node: ts.Node): void => {
		if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) {
			if (words(node.text) && !notShown(node)) report(node, node.text);
		} else if (ts.isTemplateExpression(node)) {
			const whole = node.head.text + node.templateSpans.map((span) => `\${…}${span.literal.text}`).join('');
			if (words(whole) && !notShown(node)) report(node, whole);
		} else if (ts.isJsxText(node)) {
			if (/[A-Za-z]{2,}/.test(node.text)) report(node, node.text.trim());
		}
		ts.forEachChild(node, visit);
	};
	visit(source);
	return found;
};

const filesUnder = (path: string): string[] =>
	!existsSync(path)
		? []
		: statSync(path).isDirectory()
			? readdirSync(path).flatMap((name) => filesUnder(join(path, name)))
			: /\.tsx?$/.test(path) && !path.endsWith('.d.ts')
				? [path]
				: [];

/** Every visible literal under the project's `root`, by file and line. */
export const visibleLiterals = (root: string): VisibleLiteral[] =>
	reachingAPerson
		.flatMap((place) => filesUnder(join(root, place)))
		.filter((path) => !dataFiles.some((pattern) => pattern.test(path)))
		.flatMap((path) => literalsOf(relative(root, path), readFileSync(path, 'utf8')));
