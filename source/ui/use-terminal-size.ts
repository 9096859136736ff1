import {useStdout} from 'ink';
import {useEffect, useState} from 'react';
import type {TerminalSize} from './layout/frame-layout.js';

const read = (stdout: NodeJS.WriteStream): TerminalSize => ({columns: stdout.columns || 80, rows: stdout.rows || 24});

/** The terminal's size, updated on every resize; `fixed` pins it (tests render at a chosen size). */
export const useTerminalSize = (fixed?: TerminalSize): TerminalSize => {
	const {stdout} = useStdout();
	const [size, setSize] = useState<TerminalSize>(() => fixed ?? read(stdout));
	useEffect(() => {
		if (fixed) {
			setSize(fixed);
			return;
		}
		const onResize = () => setSize(read(stdout));
		stdout.on('resize', onResize);
		return () => {
			stdout.off('resize', onResize);
		};
	}, [stdout, fixed?.columns, fixed?.rows]);
	return size;
};
