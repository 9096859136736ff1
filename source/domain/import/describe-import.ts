import {t} from '../../i18n/i18n.js';
import {entitySingular} from '../dataset.js';
import type {ImportPlan} from './plan-import.js';

/** `line 12` as the language in force writes it, any number: a warning's line, replaced when warnings are counted together. */
const lineNumberPattern = (): RegExp => {
	const [before = '', after = ''] = t('domain.import.line', {line: '\u0000'}).split('\u0000');
	const literal = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
	return new RegExp(`${literal(before)}\\d+${literal(after)}`, 'g');
};

/**
 * The summary an operator reads: per entity, created / updated / unchanged / rejected / skipped,
 * then warnings. `rejectsFile`: where the rejected rows were written — or, in a dry run (which
 * writes nothing), where they would be.
 */
export const describePlan = (plan: ImportPlan, dryRun: boolean, rejectsFile: string | null): string => {
	const lines: string[] = plan.summaries.map(({entity, created, updated, unchanged, rejected, skipped, warnings}) =>
		t('domain.import.summary', {
			entity: entitySingular[entity],
			created,
			updated,
			unchanged,
			rejected,
			skipped,
			count: warnings,
		}),
	);
	const changes = plan.mutations.length;
	const rejected = plan.summaries.reduce((sum, summary) => sum + summary.rejected, 0);
	const matching = plan.summaries.reduce((sum, summary) => sum + summary.unchanged, 0);
	const nothing =
		rejected > 0 && matching === 0
			? t('domain.import.allRejected', {count: rejected})
			: t('domain.import.nothingToChange');
	lines.push(
		dryRun
			? t('domain.import.dryRun', {count: changes})
			: changes === 0
				? nothing
				: t('domain.import.saved', {count: changes}),
	);
	if (rejectsFile)
		lines.push(
			dryRun
				? t('domain.import.rejectsWouldGo', {file: rejectsFile})
				: t('domain.import.rejectsAt', {file: rejectsFile}),
		);
	// Warnings of one kind (numbers and quoted values aside) are counted together, with the values
	// they name and the first lines to look at: 8,000 deals of 85 unknown accounts are one line, not 85.
	const groups = new Map<string, {example: string; entity: string; lines: number[]; values: Set<string>}>();
	for (const warning of plan.warnings) {
		const key = `${warning.entity}\u0000${warning.message.replace(/\u201c[^\u201d]*\u201d/g, '“”').replace(/\d+/g, '#')}`;
		const group = groups.get(key) ?? {
			example: warning.message,
			entity: entitySingular[warning.entity],
			lines: [],
			values: new Set<string>(),
		};
		group.lines.push(warning.line);
		for (const [, value] of warning.message.matchAll(/\u201c([^\u201d]*)\u201d/g)) group.values.add(value!);
		groups.set(key, group);
	}
	if (groups.size > 0) lines.push(t('domain.import.warnings'));
	const sorted = [...groups.values()].sort((a, b) => b.lines.length - a.lines.length);
	const separator = t('domain.listSeparator');
	const lineNumber = lineNumberPattern();
	for (const group of sorted) {
		const where = t('domain.import.lines', {
			count: group.lines.length,
			lines: `${group.lines.slice(0, 5).join(separator)}${group.lines.length > 5 ? `${separator}…` : ''}`,
		});
		let message =
			group.lines.length === 1
				? group.example
				: group.example.replace(lineNumber, t('domain.import.line', {line: '#'}));
		if (group.values.size > 1) {
			const values = [...group.values];
			const quoted = values
				.slice(0, 3)
				.map((value) => `“${value}”`)
				.join(separator);
			const named = values.length > 3 ? t('domain.import.andMore', {named: quoted, count: values.length - 3}) : quoted;
			message = message.replace(/\u201c[^\u201d]*\u201d/, named);
		}
		lines.push(
			`  ${t('domain.import.warningGroup', {times: group.lines.length, entity: group.entity, message, where})}`,
		);
	}
	return `${lines.join('\n')}\n`;
};
