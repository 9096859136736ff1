import {Box, Text, useApp} from 'ink';
import {useEffect, useReducer} from 'react';
import type {Dataset} from '../domain/dataset.js';
import {DataTable} from './components/data-table.js';
import {Header} from './components/header.js';
import {StatusLine} from './components/status-line.js';
import {TextView} from './components/text-view.js';
import {keyPriority, useKeypress} from './keys/keypress-context.js';
import {fitColumns} from './layout/columns.js';
import {frameLayout, minimumSize, tableWidth, type TerminalSize} from './layout/frame-layout.js';
import {screenFor} from './screens/screen-registry.js';
import {appReducer, initialState, rowsOf, viewContext} from './state/app-state.js';
import {detailRows, helpRows} from './state/view-rows.js';
import {useTerminalSize} from './use-terminal-size.js';

export type AppProps = {
	dataset: Dataset;
	/** What the header shows as the data's origin (the file path). */
	source: string;
	/** Pins the size (tests); otherwise the terminal's, following resizes. */
	size?: TerminalSize;
	/** Pins the clock (tests); otherwise it advances every minute. */
	now?: number;
	/** A message for the status line at start, such as a data file that does not exist yet. */
	notice?: string | null;
};

export function App({dataset, source, size: fixedSize, now: fixedNow, notice = null}: AppProps) {
	const size = useTerminalSize(fixedSize);
	const [state, dispatch] = useReducer(appReducer, undefined, () => ({...initialState(dataset, size, fixedNow ?? Date.now()), notice}));
	const {exit} = useApp();

	useKeypress((key) => {
		dispatch({type: 'key', key});
		return true;
	}, keyPriority.global);

	useEffect(() => dispatch({type: 'resize', size}), [size.columns, size.rows]);
	useEffect(() => dispatch({type: 'dataset', dataset}), [dataset]);
	useEffect(() => {
		if (fixedNow !== undefined) return;
		const timer = setInterval(() => dispatch({type: 'tick', now: Date.now()}), 60_000);
		return () => clearInterval(timer);
	}, [fixedNow]);
	useEffect(() => {
		if (state.quit) exit();
	}, [state.quit, exit]);

	const layout = frameLayout(state.size);
	const width = state.size.columns;
	if (layout.tooSmall) {
		return (
			<Box flexDirection="column" width={width} height={layout.height}>
				<Text wrap="wrap">
					Too small: {width}x{state.size.rows}. crm needs {minimumSize.columns}x{minimumSize.rows}.
				</Text>
				<Text wrap="wrap">q quits.</Text>
			</Box>
		);
	}

	const context = viewContext(state);
	const list = state.lists[state.screen];
	const rows = rowsOf(state);
	const screen = screenFor(state.screen);
	let body;
	let position = rows.length === 0 ? '0/0' : `${list.cursor + 1}/${rows.length}`;
	if (state.help.open) {
		const lines = helpRows(state.screen, state, width - 2);
		body = <TextView rows={lines} scroll={state.help.scroll} width={width} height={layout.body} />;
		position = lines.length > layout.body ? `${state.help.scroll + 1}–${Math.min(lines.length, state.help.scroll + layout.body)}/${lines.length}` : '';
	} else if (state.mode === 'detail' && state.detail) {
		const record = context.related.byId[state.screen].get(state.detail.id);
		const lines = detailRows(state.screen, state.detail.id, width - 2, context) ?? [];
		body = <TextView title={record ? screen.heading(record as never, context) : ''} rows={lines} scroll={state.detail.scroll} width={width} height={layout.body} />;
	} else {
		// Sorted by a column this width hides: say so where the position is, or the order looks random.
		const shown = fitColumns(screen.columns, tableWidth(state.size));
		if (!shown.some((column) => column.id === list.sort.column)) {
			const title = screen.columns.find((column) => column.id === list.sort.column)?.title ?? list.sort.column;
			position = `by ${title} ${list.sort.descending ? '↓' : '↑'}  ${position}`;
		}
		body = <DataTable entity={state.screen} rows={rows} list={list} width={width} height={layout.tableRows} context={context} />;
	}
	return (
		<Box flexDirection="column" width={width} height={layout.height}>
			<Header screen={state.screen} width={width} source={source} />
			<Box height={layout.body} flexDirection="column">
				{body}
			</Box>
			<StatusLine mode={state.mode} help={state.help.open} width={width} filter={list.filter} position={position} notice={state.notice} />
		</Box>
	);
}
