import {useStdout} from 'ink';
import {useEffect, useState} from 'react';
import type {TerminalSize} from './layout/frame-layout.js';

const read = (stdout: NodeJS.WriteStream): TerminalSize => ({columns: stdout.columns || 80, rows: stdout.rows || 24});

/** The same size keeps the same object: effects that depend on it run only when it really changed. */
const sameOr = (next: TerminalSize) => (previous: TerminalSize) =>
	previous.columns === next.columns && previous.rows === next.rows ? previous : next;

/** The terminal's size, updated on every resize; `fixed` pins it (tests render at a chosen size). */
export const useTerminalSize = (fixed?: TerminalSize): TerminalSize => {
	const {stdout} = useStdout();
	const [size, setSize] = useState<TerminalSize>(() => fixed ?? read(stdout));
	const fixedColumns = fixed?.columns;
	const fixedRows = fixed?.rows;
	useEffect(() => {
		if (fixedColumns !== undefined && fixedRows !== undefined) {
			setSize(sameOr({columns: fixedColumns, rows: fixedRows}));
			return;
		}
		const onResize = () => setSize(sameOr(read(stdout)));
		stdout.on('resize', onResize);
		return () => {
			stdout.off('resize', onResize);
		};
	}, [stdout, fixedColumns, fixedRows]);
	return size;
};
