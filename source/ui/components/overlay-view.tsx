import {Box, Text} from 'ink';
import {t} from '../../i18n/i18n.js';
import {fitCell, truncate} from '../layout/cell-text.js';
import type {Overlay} from '../state/app-types.js';
import {commandSummary} from '../state/command-line.js';
import type {PickerRow} from '../state/picker-rows.js';
import {CaretText} from './caret-text.js';
import {TonedText} from './toned-text.js';
import {WrappedText} from './wrapped-text.js';

type Props = {overlay: Overlay; pickerRows: PickerRow[]; width: number; height: number};

/**
 * Pickers, questions and one-line prompts: modal, drawn where the view was until they close. A
 * question, a prompt and the command line take the rows they need; a picker fills the body with its list.
 */
export function OverlayView({overlay, pickerRows, width, height}: Props) {
	const inner = Math.max(10, width - 4);
	// A report is drawn as a text view of its own (main-view's bodies).
	if (overlay.kind === 'report') return null;
	if (overlay.kind === 'confirm') {
		return (
			<Box flexDirection="column" width={width} borderStyle="round" paddingX={1}>
				<WrappedText text={overlay.message} width={inner} tone="warn" bold />
				{overlay.details.map((detail, index) => (
					<WrappedText key={index} text={detail} width={inner} />
				))}
				<Text> </Text>
				<TonedText tone="accent">{t('views.overlay.confirmKeys')}</TonedText>
			</Box>
		);
	}
	if (overlay.kind === 'conflict') {
		// Label, two spaces, three columns with a space between: exactly the inner width.
		const column = Math.max(8, Math.floor((inner - 18) / 3));
		const row = (label: string, a: string, b: string, c: string) =>
			`${fitCell(label, 14)}  ${fitCell(a, column)} ${fitCell(b, column)} ${fitCell(c, column)}`;
		return (
			<Box flexDirection="column" width={width} borderStyle="round" paddingX={1}>
				<WrappedText text={overlay.message} width={inner} tone="warn" bold />
				<Text bold>
					{truncate(
						row(
							t('views.overlay.field'),
							t('views.overlay.opened'),
							t('views.overlay.theirs'),
							t('views.overlay.yours'),
						),
						inner,
					)}
				</Text>
				{overlay.fields.map((field) => {
					const both = field.theirs !== field.original && field.mine !== field.original && field.theirs !== field.mine;
					return (
						<TonedText key={field.key} tone={both ? 'bad' : 'text'}>
							{truncate(
								row(
									`${both ? '! ' : ''}${field.label}`,
									field.original || '—',
									field.theirs === field.original ? t('views.overlay.same') : field.theirs || '—',
									field.mine === field.original ? t('views.overlay.same') : field.mine || '—',
								),
								inner,
							)}
						</TonedText>
					);
				})}
				<Text> </Text>
				<WrappedText text={t('views.overlay.conflictKeys')} width={inner} tone="accent" />
			</Box>
		);
	}
	if (overlay.kind === 'prompt') {
		return (
			<Box flexDirection="column" width={width} borderStyle="round" paddingX={1}>
				<TonedText bold tone="accent">
					{truncate(overlay.title, inner)}
				</TonedText>
				<CaretText input={overlay.input} width={inner} />
				<Text> </Text>
				<TonedText tone="muted">{t('views.overlay.promptKeys')}</TonedText>
			</Box>
		);
	}
	if (overlay.kind === 'command') {
		return (
			<Box flexDirection="column" width={width} borderStyle="round" paddingX={1}>
				<Box>
					<TonedText bold tone="accent">
						:
					</TonedText>
					<CaretText input={overlay.input} width={inner - 1} />
				</Box>
				<Text> </Text>
				<WrappedText text={commandSummary} width={inner} tone="muted" />
				<TonedText tone="muted">{t('views.overlay.commandKeys')}</TonedText>
			</Box>
		);
	}
	const page = Math.max(1, height - 4);
	const offset = Math.max(0, Math.min(overlay.cursor - Math.floor(page / 2), pickerRows.length - page));
	const visible = pickerRows.slice(offset, offset + page);
	return (
		<Box flexDirection="column" width={width} height={height} borderStyle="round" paddingX={1}>
			<Box>
				<Box flexGrow={1}>
					<TonedText bold tone="accent">
						{truncate(overlay.title, inner - 14)}
					</TonedText>
				</Box>
				<TonedText tone="muted">{` ${pickerRows.length === 0 ? 0 : overlay.cursor + 1}/${pickerRows.length}`}</TonedText>
			</Box>
			<Box>
				<Text>/</Text>
				<CaretText input={overlay.query} width={inner - 1} />
			</Box>
			{visible.length === 0 ? (
				<TonedText tone="muted">
					{overlay.query.text.trim() === '' ? t('views.overlay.typeToSearch') : t('views.overlay.nothingMatches')}
				</TonedText>
			) : null}
			{visible.map((row, index) => {
				const selected = offset + index === overlay.cursor;
				return (
					<Text key={row.value} inverse={selected} wrap="truncate">
						{selected ? '› ' : '  '}
						{truncate(row.label, inner - 2)}
					</Text>
				);
			})}
		</Box>
	);
}
