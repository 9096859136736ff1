import {entitySingular} from '../dataset.js';
import type {ImportPlan} from './plan-import.js';

const plural = (count: number, noun: string): string => `${count} ${noun}${count === 1 ? '' : 's'}`;

/** The summary an operator reads: per entity, created / updated / unchanged / rejected / skipped, then warnings. */
export const describePlan = (plan: ImportPlan, dryRun: boolean, rejectsFile: string | null): string => {
	const lines = plan.summaries.map(
		(summary) =>
			`${entitySingular[summary.entity]}: ${summary.created} created, ${summary.updated} updated, ${summary.unchanged} unchanged, ${summary.rejected} rejected, ${summary.skipped} skipped, ${plural(summary.warnings, 'warning')}`,
	);
	const changes = plan.mutations.length;
	lines.push(dryRun ? `Dry run: nothing was written (${plural(changes, 'change')} would be made).` : changes === 0 ? 'Nothing to change: the data already matches the file.' : `Saved ${plural(changes, 'change')} as one import.`);
	if (rejectsFile) lines.push(`Rejected rows, with their line and reason: ${rejectsFile}`);
	// Warnings of one kind (numbers aside) are counted together, with the first lines to look at.
	const groups = new Map<string, {example: string; entity: string; lines: number[]}>();
	for (const warning of plan.warnings) {
		const key = `${warning.entity}\u0000${warning.message.replace(/\d+/g, '#')}`;
		const group = groups.get(key) ?? {example: warning.message, entity: entitySingular[warning.entity], lines: []};
		group.lines.push(warning.line);
		groups.set(key, group);
	}
	if (groups.size > 0) lines.push('Warnings:');
	for (const group of groups.values()) {
		const where = `line${group.lines.length === 1 ? '' : 's'} ${group.lines.slice(0, 5).join(', ')}${group.lines.length > 5 ? ', …' : ''}`;
		lines.push(`  ${group.lines.length} × ${group.entity}: ${group.lines.length === 1 ? group.example : group.example.replace(/line \d+/g, 'line #')} (${where})`);
	}
	return `${lines.join('\n')}\n`;
};
