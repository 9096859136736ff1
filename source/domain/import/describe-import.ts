import {entitySingular} from '../dataset.js';
import {plural} from '../words.js';
import type {ImportPlan} from './plan-import.js';

/**
 * The summary an operator reads: per entity, created / updated / unchanged / rejected / skipped,
 * then warnings. `rejectsFile`: where the rejected rows were written — or, in a dry run (which
 * writes nothing), where they would be.
 */
export const describePlan = (plan: ImportPlan, dryRun: boolean, rejectsFile: string | null): string => {
	const lines = plan.summaries.map(
		(summary) =>
			`${entitySingular[summary.entity]}: ${summary.created} created, ${summary.updated} updated, ${summary.unchanged} unchanged, ${summary.rejected} rejected, ${summary.skipped} skipped, ${plural(summary.warnings, 'warning')}`,
	);
	const changes = plan.mutations.length;
	const rejected = plan.summaries.reduce((sum, summary) => sum + summary.rejected, 0);
	const matching = plan.summaries.reduce((sum, summary) => sum + summary.unchanged, 0);
	const nothing =
		rejected > 0 && matching === 0
			? `Nothing imported: every row was rejected (${plural(rejected, 'row')}).`
			: 'Nothing to change: the data already matches the file.';
	lines.push(
		dryRun
			? `Dry run: nothing was written (${plural(changes, 'change')} would be made).`
			: changes === 0
				? nothing
				: `Saved ${plural(changes, 'change')} as one import.`,
	);
	if (rejectsFile)
		lines.push(
			dryRun
				? `Rejected rows, with their line and reason, would go to: ${rejectsFile}`
				: `Rejected rows, with their line and reason: ${rejectsFile}`,
		);
	// Warnings of one kind (numbers and quoted values aside) are counted together, with the values
	// they name and the first lines to look at: 8,000 deals of 85 unknown accounts are one line, not 85.
	const groups = new Map<string, {example: string; entity: string; lines: number[]; values: Set<string>}>();
	for (const warning of plan.warnings) {
		const key = `${warning.entity}\u0000${warning.message.replace(/“[^”]*”/g, '“”').replace(/\d+/g, '#')}`;
		const group = groups.get(key) ?? {
			example: warning.message,
			entity: entitySingular[warning.entity],
			lines: [],
			values: new Set<string>(),
		};
		group.lines.push(warning.line);
		for (const [, value] of warning.message.matchAll(/“([^”]*)”/g)) group.values.add(value!);
		groups.set(key, group);
	}
	if (groups.size > 0) lines.push('Warnings:');
	const sorted = [...groups.values()].sort((a, b) => b.lines.length - a.lines.length);
	for (const group of sorted) {
		const where = `line${group.lines.length === 1 ? '' : 's'} ${group.lines.slice(0, 5).join(', ')}${group.lines.length > 5 ? ', …' : ''}`;
		let message = group.lines.length === 1 ? group.example : group.example.replace(/line \d+/g, 'line #');
		if (group.values.size > 1) {
			const values = [...group.values];
			const named = `${values
				.slice(0, 3)
				.map((value) => `“${value}”`)
				.join(', ')}${values.length > 3 ? ` and ${values.length - 3} more` : ''}`;
			message = message.replace(/“[^”]*”/, named);
		}
		lines.push(`  ${group.lines.length} × ${group.entity}: ${message} (${where})`);
	}
	return `${lines.join('\n')}\n`;
};
