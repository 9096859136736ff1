import {keyDescription, t} from '../../i18n/i18n.js';
import {activeScopes, commandsIn, keysLabel, type Scope} from '../keys/keymap.js';
import {displayWidth, fitCell, truncate, wrapText} from '../layout/cell-text.js';
import type {ViewContext} from '../screens/screen-definition.js';
import {screenFor} from '../screens/screen-registry.js';
import type {Tone} from '../theme/theme.js';
import type {AppState, Mode, Overlay, ScreenName} from './app-types.js';
import {permits} from './selection.js';
import {type Stack, topLayer} from './top-layer.js';

/** One line of a scrolling text view (detail, help), already fitted to the width. */
export type ViewRow = {text: string; tone?: Tone; bold?: boolean};

const labelWidth = 16;

/** A report's lines (what a bulk change refused) wrapped to `width`; a line's continuation indented under its text. */
export const reportRows = (report: Extract<Overlay, {kind: 'report'}>, width: number): ViewRow[] =>
	report.lines.flatMap((line) =>
		wrapText(line, width - 2).map((text, index) => ({text: index === 0 ? text : `  ${text}`})),
	);

let detailCache: {key: string; context: ViewContext; rows: ViewRow[] | null} | undefined;

/** The detail of one record as lines of at most `width` cells; null when the record is gone. */
export const detailRows = (entity: ScreenName, id: string, width: number, context: ViewContext): ViewRow[] | null => {
	const key = `${entity}\u0000${id}\u0000${width}\u0000${context.now}`;
	if (detailCache && detailCache.key === key && detailCache.context.dataset === context.dataset)
		return detailCache.rows;
	const screen = screenFor(entity);
	const record = screen.find(id, context);
	let rows: ViewRow[] | null = null;
	if (record) {
		rows = [];
		const valueWidth = Math.max(10, width - labelWidth - 2);
		for (const line of screen.detail(record, context)) {
			if (line.kind === 'section') {
				rows.push({text: ''}, {text: truncate(line.title, width), bold: true, tone: 'accent'});
			} else if (line.kind === 'item') {
				rows.push({text: truncate(line.text, width), tone: line.tone});
			} else if (line.kind === 'text') {
				for (const wrapped of wrapText(line.text, width)) rows.push({text: wrapped, tone: line.tone});
			} else {
				for (const [index, value] of wrapText(line.value, valueWidth).entries())
					rows.push({text: `${fitCell(index === 0 ? line.label : '', labelWidth)}  ${value}`, tone: line.tone});
			}
		}
	}
	detailCache = {key, context, rows};
	return rows;
};

const scopeOrder: Scope[] = [
	'picker',
	'confirm',
	'prompt',
	'command',
	'form',
	'filter',
	'list',
	'board',
	'assessment',
	'duplicates',
	'merge',
	'frequency',
	'report',
	'detail',
	'global',
];

type HelpView = {
	screen: ScreenName;
	mode: Mode;
	overlay: {kind: Overlay['kind']} | null;
	form: AppState['form'];
	access?: AppState['access'];
	operator?: string;
};

/**
 * A key and what it does: the description wrapped by display width in the column beside the key,
 * its further lines under its first (Chinese breaks between characters, so it never leaves the key
 * alone on its line). A key wider than its column gets a line of its own.
 */
const keyRows = (keys: string, description: string, keyWidth: number, width: number): ViewRow[] => {
	const room = width - keyWidth;
	if (room < 10 || displayWidth(keys) > keyWidth)
		return wrapText(`${fitCell(keys, keyWidth)}${description}`, width).map((text) => ({text}));
	return wrapText(description, room).map((text, index) => ({
		text: `${index === 0 ? fitCell(keys, keyWidth) : ' '.repeat(keyWidth)}${text}`,
	}));
};

/** `items` joined by `separator` into lines of at most `width` cells, breaking only between items. */
const packed = (items: string[], separator: string, width: number): string[] => {
	const lines: string[] = [];
	let line = '';
	for (const item of items) {
		const joined = line === '' ? item : `${line}${separator}${item}`;
		if (line !== '' && displayWidth(joined) > width) {
			lines.push(line);
			line = item;
		} else line = joined;
	}
	if (line !== '') lines.push(line);
	return lines.flatMap((each) => (displayWidth(each) > width ? wrapText(each, width) : [each]));
};

/** Every key of the view the help overlay was opened from, grouped by where it works. */
export const helpRows = (view: HelpView, width: number): ViewRow[] => {
	const screen = screenFor(view.screen);
	// The keys of the layer the help was opened over.
	const below: Stack = {
		help: false,
		overlay: view.overlay?.kind ?? null,
		form: view.form !== null,
		mode: view.mode,
		screen: view.screen,
	};
	const scopes = activeScopes(below);
	const where = t(`scopes.${topLayer(below)}`);
	const title = t('help.title', {screen: t(`screens.${view.screen}`), where: where.toLowerCase()});
	const rows: ViewRow[] = [{text: title, bold: true, tone: 'accent'}];
	for (const scope of scopeOrder.filter((candidate) => scopes.includes(candidate))) {
		rows.push({text: ''}, {text: t(`scopes.${scope}`), bold: true});
		const commands = commandsIn(
			[scope],
			view.screen,
			view.access ? permits(view as Pick<AppState, 'access' | 'screen'>) : undefined,
		);
		const keyWidth = Math.min(22, Math.max(...commands.map((command) => displayWidth(keysLabel(command)))) + 2);
		for (const command of commands)
			rows.push(...keyRows(keysLabel(command), keyDescription(command.description), keyWidth, width));
		if (scope === 'list') {
			rows.push({text: ''}, {text: t('help.sortLetters'), bold: true});
			const pairs = screen.columns.map((column) => `${column.letter} ${column.title}`);
			for (const line of packed(pairs, ' · ', width)) rows.push({text: line});
		}
		if (scope === 'form' || scope === 'picker' || scope === 'prompt' || scope === 'command' || scope === 'filter') {
			rows.push({text: ''}, {text: t('help.editing'), bold: true});
			for (const line of wrapText(t('help.editingKeys'), width)) rows.push({text: line});
			if (scope === 'form') for (const line of wrapText(t('help.formLists'), width)) rows.push({text: line});
		}
	}
	return rows;
};
