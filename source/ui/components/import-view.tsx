import {Box, Text} from 'ink';
import type {AnyStoredRecord, Dataset, EntityName} from '../../domain/dataset.js';
import type {ImportPlan, RowOutcome} from '../../domain/import/plan-import.js';
import {maskDataset} from '../../domain/mask.js';
import {t} from '../../i18n/i18n.js';
import {displayWidth, fitCell, truncate} from '../layout/cell-text.js';
import {columnGap, fitColumns} from '../layout/columns.js';
import type {ViewContext} from '../screens/screen-definition.js';
import {screenFor} from '../screens/screen-registry.js';
import type {Mode} from '../state/app-types.js';
import {
	choiceEntities,
	choiceLabel,
	fileRows,
	type ImportWizard,
	importChoices,
	previewOutcomes,
	previewRowCount,
	summaryLines,
} from '../state/import-wizard.js';
import {relatedRecords} from '../state/related-records.js';
import type {Tone} from '../theme/theme.js';
import {CaretText} from './caret-text.js';
import {importSummaryTone} from './import-summary-tone.js';
import {type RowCell, TableRow} from './table-row.js';
import {TonedText} from './toned-text.js';
import {WrappedText, wrappedLines} from './wrapped-text.js';

type Props = {
	wizard: ImportWizard;
	mode: Mode;
	dataset: Dataset;
	now: number;
	width: number;
	height: number;
	mask: boolean;
};

/** The wizard's steps, their words read when drawn (the language may change while it runs). */
const steps: Array<[Mode, () => string]> = [
	['importFile', () => t('views.import.stepFile')],
	['importChoice', () => t('views.import.stepMapping')],
	['importPreview', () => t('views.import.stepPreview')],
	['importRunning', () => t('views.import.stepImport')],
	['importDone', () => t('views.import.stepSummary')],
];

const number = (value: number): string => value.toLocaleString('en-US');

const size = (bytes: number): string =>
	bytes < 1024
		? `${bytes} B`
		: bytes < 1_048_576
			? `${(bytes / 1024).toFixed(1)} KB`
			: `${(bytes / 1_048_576).toFixed(1)} MB`;

function Steps({mode, width}: {mode: Mode; width: number}) {
	const current = steps.findIndex(([step]) => step === mode);
	return (
		<Text wrap="truncate">
			<TonedText bold tone="accent">
				{`${t('views.import.title')}  `}
			</TonedText>
			{steps.map(([step, words], index) => (
				<TonedText
					key={step}
					tone={index === current ? 'accent' : 'muted'}
					bold={index === current}
					underline={index === current}
				>
					{/* The current step in brackets too: readable without colour or underline. */}
					{truncate(index === current ? `[${words()}]` : words(), width)}
					{index < steps.length - 1 ? ' › ' : ''}
				</TonedText>
			))}
		</Text>
	);
}

/** A list with a cursor, windowed around it. */
function ChoiceList({
	rows,
	cursor,
	height,
	width,
}: {
	rows: Array<{key: string; text: string; tone?: Tone}>;
	cursor: number;
	height: number;
	width: number;
}) {
	const page = Math.max(1, height);
	const offset = Math.max(0, Math.min(cursor - Math.floor(page / 2), rows.length - page));
	return (
		<>
			{rows.slice(offset, offset + page).map((row, index) => {
				const selected = offset + index === cursor;
				return (
					<Text key={row.key} inverse={selected} wrap="truncate">
						{selected ? '› ' : '  '}
						<TonedText tone={selected ? 'text' : (row.tone ?? 'text')}>{truncate(row.text, width - 2)}</TonedText>
					</Text>
				);
			})}
		</>
	);
}

/** Rows a message takes when wrapped (at most three): errors name a file and a reason, neither to be cut. */
const wrapped = (text: string | null, width: number): string[] => wrappedLines(text, width, 3);

function FileStep({wizard, width, height}: {wizard: ImportWizard; width: number; height: number}) {
	const rows = fileRows(wizard);
	const browsing = wizard.browse && wizard.query.text.includes('/') ? wizard.browse : null;
	let note: string = t('views.import.fileHint');
	if (wizard.reading) note = t('views.import.reading', {file: String(wizard.csvFile)});
	else if (!wizard.found && !browsing) note = t('views.import.looking');
	else if (browsing?.error) note = browsing.error;
	else if (rows.length === 0)
		note = wizard.query.text.trim() === '' ? t('views.import.noFiles') : t('views.import.noMatch');
	const label = `${t('views.import.file')} `;
	return (
		<Box flexDirection="column">
			<Box>
				<Text>{label}</Text>
				<CaretText input={wizard.query} width={width - displayWidth(label)} />
			</Box>
			<WrappedText text={note} width={width} tone={browsing?.error ? 'bad' : 'muted'} maxLines={3} />
			<WrappedText text={wizard.error} width={width} tone="bad" maxLines={3} />
			<ChoiceList
				rows={rows.map((row) => ({
					key: row.path,
					text:
						row.kind === 'folder'
							? row.path
							: `${fitCell(row.path, Math.max(10, width - 14))}  ${size(row.bytes).padStart(9)}`,
					tone: row.kind === 'folder' ? 'accent' : 'text',
				}))}
				cursor={wizard.cursor}
				height={height - 1 - wrapped(note, width).length - wrapped(wizard.error, width).length}
				width={width}
			/>
		</Box>
	);
}

function ChoiceStep({wizard, width, height}: {wizard: ImportWizard; width: number; height: number}) {
	const table = wizard.table!;
	const about = t('views.import.about', {
		file: String(wizard.csvFile),
		rows: t('views.import.rows', {count: table.rows.length}),
		columns: t('views.import.columns', {count: table.headers.length}),
		headers: table.headers.join(', '),
	});
	if (wizard.choosing === 'idColumn') {
		const first = table.rows[0]?.values ?? {};
		const question = t('views.import.idQuestion');
		const nameWidth = Math.min(30, Math.max(...table.headers.map((header) => displayWidth(header))));
		return (
			<Box flexDirection="column">
				<Text wrap="truncate">{truncate(about, width)}</Text>
				<WrappedText text={question} width={width} tone="text" bold maxLines={3} />
				<WrappedText text={wizard.error} width={width} tone="bad" maxLines={3} />
				<ChoiceList
					rows={table.headers.map((header) => ({
						key: header,
						text: t('views.import.example', {
							name: fitCell(header, nameWidth),
							value: (first[header] ?? '').replace(/\s+/g, ' '),
						}),
					}))}
					cursor={wizard.cursor}
					height={height - 1 - wrapped(question, width).length - wrapped(wizard.error, width).length}
					width={width}
				/>
			</Box>
		);
	}
	const choices = importChoices(wizard);
	const problems = wizard.found?.problems ?? [];
	return (
		<Box flexDirection="column">
			<Text wrap="truncate">{truncate(about, width)}</Text>
			<TonedText bold>{wizard.found ? t('views.import.how') : t('views.import.howLooking')}</TonedText>
			<WrappedText text={wizard.error} width={width} tone="bad" maxLines={3} />
			<ChoiceList
				rows={choices.map((choice, index) => ({
					key: `${index}`,
					text: choiceLabel(choice),
					tone: choice.kind === 'mapping' && choice.missing.length > 0 ? 'muted' : 'text',
				}))}
				cursor={wizard.cursor}
				height={height - 2 - wrapped(wizard.error, width).length - Math.min(2, problems.length)}
				width={width}
			/>
			{problems.slice(0, 2).map((problem, index) => (
				<TonedText key={index} tone="warn">
					{truncate(problem, width)}
				</TonedText>
			))}
		</Box>
	);
}

let previewCache: {plan: ImportPlan; dataset: Dataset; mask: boolean; context: ViewContext} | undefined;

/** The data as it will be once the previewed rows land, so their cells (a deal's customer) read as they will. */
const previewContext = (plan: ImportPlan, dataset: Dataset, now: number, mask: boolean): ViewContext => {
	if (previewCache?.plan !== plan || previewCache.dataset !== dataset || previewCache.mask !== mask) {
		const landed: Dataset = {...dataset};
		for (const entity of ['customers', 'opportunities', 'tickets', 'feedback'] as const) {
			const records = new Map(
				plan.outcomes
					.filter((outcome) => outcome.entity === entity && outcome.record)
					.map((outcome) => [outcome.record!.id, outcome.record!]),
			);
			if (records.size === 0) continue;
			const kept = (dataset[entity] as AnyStoredRecord[]).map((record) => records.get(record.id) ?? record);
			const known = new Set(kept.map((record) => record.id));
			(landed as Record<EntityName, AnyStoredRecord[]>)[entity] = [
				...kept,
				...[...records.values()].filter((record) => !known.has(record.id)),
			];
		}
		const shown = mask ? maskDataset(landed) : landed;
		previewCache = {plan, dataset, mask, context: {dataset: shown, now, related: relatedRecords(shown)}};
	}
	return previewCache.context;
};

/** Wide enough for `unchanged !`: the mark of a row with a warning must never be cut. */
const actionWidth = 11;

const actionTone: Record<RowOutcome['action'], Tone> = {
	create: 'ok',
	update: 'accent',
	unchanged: 'muted',
	reject: 'bad',
	skip: 'muted',
};

function PreviewStep({
	wizard,
	dataset,
	now,
	width,
	height,
	mask,
}: {
	wizard: ImportWizard;
	dataset: Dataset;
	now: number;
	width: number;
	height: number;
	mask: boolean;
}) {
	const plan = wizard.preview!;
	const entities = choiceEntities(wizard.choice!);
	const entity = entities[wizard.target]!;
	const outcomes = previewOutcomes(wizard);
	const context = previewContext(plan, dataset, now, mask);
	const screen = screenFor(entity);
	const lead = 6 + columnGap + actionWidth + columnGap;
	// A figure worked out from other records (a customer's RFM) says nothing of a row about to land.
	const columns = fitColumns(
		screen.columns.filter((column) => !column.derived),
		Math.max(10, width - 2 - lead),
	);
	const counts = (['create', 'update', 'unchanged', 'reject', 'skip'] as const)
		.map((action) => [action, outcomes.filter((outcome) => outcome.action === action).length] as const)
		.filter(([, count]) => count > 0);
	const warned = outcomes.filter((outcome) => outcome.warnings.length > 0).length;
	const shown = Math.min(previewRowCount, wizard.table!.rows.length);
	const baseName = (path: string) => path.slice(path.lastIndexOf('/') + 1);
	const mappingName = wizard.choice!.kind === 'mapping' ? baseName(wizard.choice!.file) : t('views.import.columnNames');
	const tableHeight = Math.max(1, height - 4 - wrapped(wizard.error, width).length);
	const offset = Math.max(0, Math.min(wizard.cursor - Math.floor(tableHeight / 2), outcomes.length - tableHeight));
	const selected = outcomes[wizard.cursor];
	return (
		<Box flexDirection="column">
			<Text wrap="truncate">
				{truncate(
					t('views.import.previewAbout', {
						shown: number(shown),
						total: number(wizard.table!.rows.length),
						file: baseName(wizard.csvFile!),
						mapping: mappingName,
					}),
					width,
				)}
			</Text>
			<Text wrap="truncate">
				{entities.map((name, index) => (
					<TonedText
						key={name}
						tone={index === wizard.target ? 'accent' : 'muted'}
						bold={index === wizard.target}
						inverse={index === wizard.target && entities.length > 1}
					>
						{index === wizard.target && entities.length > 1 ? `[${name}]` : ` ${name} `}
					</TonedText>
				))}
				<TonedText tone="muted">{`  ${counts.map(([action, count]) => `${count} ${action}`).join(', ') || t('views.import.noRows')}${warned ? t('views.import.withWarnings', {count: warned}) : ''}`}</TonedText>
			</Text>
			<WrappedText text={wizard.error} width={width} tone="bad" maxLines={3} />
			<Text wrap="truncate" bold>
				{`  ${fitCell(t('views.import.line'), 6, 'right')}${' '.repeat(columnGap)}${fitCell(t('views.import.action'), actionWidth)}${' '.repeat(columnGap)}${columns.map((column) => fitCell(column.title, column.width, column.align ?? 'left')).join(' '.repeat(columnGap))}`}
			</Text>
			{outcomes.slice(offset, offset + tableHeight).map((outcome, index) => {
				const record = outcome.record
					? (context.related.byId[outcome.entity].get(outcome.record.id) ?? outcome.record)
					: undefined;
				const cells: RowCell[] = [
					{text: String(outcome.line), width: 6, align: 'right', tone: 'muted'},
					{
						text: `${outcome.action}${outcome.warnings.length > 0 ? ' !' : ''}`,
						width: actionWidth,
						align: 'left',
						tone: outcome.warnings.length > 0 && outcome.action !== 'reject' ? 'warn' : actionTone[outcome.action],
					},
					...(record
						? columns.map((column) => ({
								text: column.cell(record as never, context),
								width: column.width,
								align: column.align ?? ('left' as const),
								tone: 'text' as Tone,
							}))
						: [
								{
									text: outcome.message ?? '',
									width: Math.max(10, width - 2 - lead),
									align: 'left' as const,
									tone: actionTone[outcome.action],
								},
							]),
				];
				return (
					<TableRow
						key={`${outcome.entity}:${outcome.line}`}
						cells={cells}
						selected={offset + index === wizard.cursor}
					/>
				);
			})}
			{outcomes.length === 0 ? <TonedText tone="muted">{t('views.import.noneBecome', {entity})}</TonedText> : null}
			<Box flexGrow={1} />
			<SelectedRowNote selected={selected} width={width} />
		</Box>
	);
}

/** Under the preview: the selected row's line, and its message and warnings (or what it becomes). */
function SelectedRowNote({selected, width}: {selected: RowOutcome | undefined; width: number}) {
	if (!selected) return <TonedText tone="muted">{''}</TonedText>;
	const note = [selected.message, ...selected.warnings].filter(Boolean).join(' · ');
	const tone: Tone = selected.action === 'reject' ? 'bad' : selected.warnings.length > 0 ? 'warn' : 'muted';
	return (
		<TonedText tone={tone}>
			{truncate(
				t('views.import.lineNote', {
					line: selected.line,
					note: note || (selected.action === 'create' ? t('views.import.newRecord') : selected.action),
				}),
				width,
			)}
		</TonedText>
	);
}

function RunningStep({wizard, width}: {wizard: ImportWizard; width: number}) {
	const progress = wizard.progress;
	if (!progress) return null;
	if (progress.phase === 'saving')
		return <TonedText tone="accent">{truncate(t('views.import.saving', {count: progress.total}), width)}</TonedText>;
	const share = progress.total === 0 ? 1 : progress.done / progress.total;
	const barWidth = Math.max(10, Math.min(50, width - 40));
	const filled = Math.round(share * barWidth);
	// Every row is checked once per entity the mapping fills: say which entity, and which row of the file.
	const entities = wizard.choice ? choiceEntities(wizard.choice) : [];
	const rows = wizard.table?.rows.length ?? progress.total;
	const step = Math.min(entities.length - 1, Math.floor(progress.done / Math.max(1, rows)));
	const where =
		entities.length > 1
			? t('views.import.whereEntity', {
					entity: String(entities[step]),
					step: step + 1,
					steps: entities.length,
					row: number(progress.done - step * rows),
					rows: number(rows),
				})
			: t('views.import.whereRow', {row: number(progress.done), rows: number(rows)});
	return (
		<Box flexDirection="column">
			<Text wrap="truncate">
				{truncate(
					t(wizard.dryRun ? 'views.import.dryRun' : 'views.import.importing', {file: String(wizard.csvFile)}),
					width,
				)}
			</Text>
			<Text wrap="truncate">
				{`${t('views.import.checking')}  `}
				<TonedText tone="accent">{'█'.repeat(filled)}</TonedText>
				<TonedText tone="muted">{'░'.repeat(barWidth - filled)}</TonedText>
				{`  ${Math.floor(share * 100)}%`}
			</Text>
			<Text wrap="truncate">{truncate(where, width)}</Text>
			<TonedText tone="muted">
				{truncate(wizard.cancelling ? t('views.import.stopping') : t('views.import.escStops'), width)}
			</TonedText>
		</Box>
	);
}

function DoneStep({wizard, width, height}: {wizard: ImportWizard; width: number; height: number}) {
	const lines = summaryLines(wizard, width - 2);
	return (
		<Box flexDirection="column">
			{lines.slice(wizard.scroll, wizard.scroll + height).map((line, index) => (
				<TonedText key={wizard.scroll + index} tone={importSummaryTone(line)}>
					{truncate(line, width)}
				</TonedText>
			))}
		</Box>
	);
}

/** The import screen: file, mapping, preview, progress and summary, one step at a time. */
export function ImportView({wizard, mode, dataset, now, width, height, mask}: Props) {
	const inner = Math.max(10, width - 2);
	const body = Math.max(1, height - 2);
	return (
		<Box flexDirection="column" paddingX={1} width={width} height={height}>
			<Steps mode={mode} width={inner} />
			<Text> </Text>
			{mode === 'importFile' ? <FileStep wizard={wizard} width={inner} height={body} /> : null}
			{mode === 'importChoice' && wizard.table ? <ChoiceStep wizard={wizard} width={inner} height={body} /> : null}
			{mode === 'importPreview' && wizard.preview ? (
				<PreviewStep wizard={wizard} dataset={dataset} now={now} width={inner} height={body} mask={mask} />
			) : null}
			{mode === 'importRunning' ? <RunningStep wizard={wizard} width={inner} /> : null}
			{mode === 'importDone' ? <DoneStep wizard={wizard} width={inner} height={body} /> : null}
		</Box>
	);
}
