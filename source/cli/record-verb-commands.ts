import type {Command} from 'commander';
import {exitCodes} from '../commands/exit-codes.js';
import type {RecordEntity} from '../commands/records/record-entities.js';
import type {Destination} from '../commands/records/record-output.js';
import type {VerbOptions, VerbPlan} from '../commands/records/record-verbs.js';
import {RecordsRefusedError} from '../commands/records/records-error.js';
import {chosenReason} from '../commands/records/verb-reason.js';
import type {Activity} from '../domain/activity.js';
import type {Campaign} from '../domain/campaign.js';
import {type Opportunity, type OpportunityStage, opportunityStages} from '../domain/opportunity.js';
import type {Order} from '../domain/order.js';
import type {Ticket} from '../domain/ticket.js';
import {
	campaignVerb,
	dealVerb,
	followUpDone,
	orderVerb,
	type StatusVerb,
	ticketVerb,
} from '../domain/workflow-verbs.js';
import {t} from '../i18n/i18n.js';
import {count} from './arguments.js';
import type {RecordCommandsContext} from './record-commands.js';

/** How record-commands.ts runs a command that prints: its refusals said once, as `list` and `show` say theirs. */
type Reading = (
	context: RecordCommandsContext,
	options: {json?: boolean; data?: string},
	work: (file: string, to: Destination) => Promise<string>,
) => Promise<void>;

type CliVerbOptions = Omit<VerbOptions, 'operator'> & {data?: string; operator?: string; reason?: string};

/** Which verb a command makes, from its words and options; thrown refusals are usage mistakes said before the file is read. */
type VerbFrom = (words: string[], options: CliVerbOptions) => VerbPlan;

type VerbSpec = {
	name: string;
	description: string;
	arguments?: Array<[string, string]>;
	reason?: boolean;
	plan: VerbFrom;
};

const statusVerbs = (
	names: Record<StatusVerb, string>,
	descriptions: Record<StatusVerb, string>,
	plan: (record: never, verb: StatusVerb) => ReturnType<VerbPlan>,
): VerbSpec[] =>
	(['finish', 'advance', 'cancel'] as const).map((verb) => ({
		name: names[verb],
		description: descriptions[verb],
		plan: () => (record) => plan(record as never, verb),
	}));

/** A stage as the console names it (`negotiation`, case ignored); another word is a usage mistake naming the stages. */
const stageNamed = (word: string): OpportunityStage => {
	const stage = opportunityStages.find((candidate) => candidate === word.trim().toLowerCase());
	if (stage) return stage;
	throw new RecordsRefusedError(
		t('cli.verbs.stageUnknown', {stage: word, stages: opportunityStages.join(', ')}),
		'bad_option',
		exitCodes.usage,
	);
};

/** Won or lost with a reason from the settings' list, as the console's picker asks one; any other stage as named. */
const dealToStage =
	(stage: OpportunityStage, given: string | undefined): VerbPlan =>
	(record, {settings}) => {
		const deal = record as Opportunity;
		if (stage !== 'won' && stage !== 'lost') return dealVerb(deal, {kind: 'stage', stage});
		// Checked once the deal is found: a won deal won again is refused in the console's words, whatever the
		// reason, saying how to change the reason instead (the console's w on a won deal asks it again).
		if (deal.stage === stage) {
			const outcome = dealVerb(deal, {kind: stage, reason: ''});
			const field = stage === 'won' ? 'wonReason' : 'lostReason';
			return outcome.ok
				? outcome
				: {...outcome, problem: t('cli.verbs.changeReason', {problem: outcome.problem, id: deal.id, field})};
		}
		const reasons = stage === 'won' ? settings.wonReasons : settings.lostReasons;
		return dealVerb(deal, {kind: stage, reason: chosenReason(given, reasons, stage === 'won')});
	};

const verbsOf = (named: RecordEntity): VerbSpec[] => {
	switch (named.entity) {
		case 'opportunities':
			return [
				{name: 'won', description: t('cli.verbs.won'), reason: true, plan: (_w, o) => dealToStage('won', o.reason)},
				{name: 'lost', description: t('cli.verbs.lost'), reason: true, plan: (_w, o) => dealToStage('lost', o.reason)},
				{
					name: 'stage',
					description: t('cli.verbs.stage', {stages: opportunityStages.join(', ')}),
					arguments: [['<stage>', t('cli.verbs.stageArgument')]],
					reason: true,
					plan: ([word], o) => dealToStage(stageNamed(word ?? ''), o.reason),
				},
				{
					name: 'advance',
					description: t('cli.verbs.dealAdvance'),
					plan: () => (r) => dealVerb(r as Opportunity, {kind: 'advance'}),
				},
				{
					name: 'back',
					description: t('cli.verbs.dealBack'),
					plan: () => (r) => dealVerb(r as Opportunity, {kind: 'back'}),
				},
			];
		case 'tickets':
			return [
				{
					name: 'reply',
					description: t('cli.verbs.reply'),
					arguments: [['<text>', t('cli.verbs.replyArgument')]],
					plan:
						([body]) =>
						(r, {operator, at}) =>
							ticketVerb(r as Ticket, {kind: 'reply', body: body ?? '', author: operator, at}),
				},
				{
					name: 'resolve',
					description: t('cli.verbs.resolve'),
					plan: () => (r) => ticketVerb(r as Ticket, {kind: 'resolve'}),
				},
				{
					name: 'advance',
					description: t('cli.verbs.ticketAdvance'),
					plan: () => (r) => ticketVerb(r as Ticket, {kind: 'advance'}),
				},
				{
					name: 'back',
					description: t('cli.verbs.ticketBack'),
					plan: () => (r) => ticketVerb(r as Ticket, {kind: 'back'}),
				},
			];
		case 'activities':
			return [
				{
					name: 'done',
					description: t('cli.verbs.done'),
					plan:
						() =>
						(r, {at}) =>
							followUpDone(r as Activity, at),
				},
			];
		case 'orders':
			return statusVerbs(
				{finish: 'pay', advance: 'advance', cancel: 'cancel'},
				{finish: t('cli.verbs.pay'), advance: t('cli.verbs.orderAdvance'), cancel: t('cli.verbs.orderCancel')},
				(record: Order, verb) => orderVerb(record, verb),
			);
		case 'campaigns':
			return statusVerbs(
				{finish: 'complete', advance: 'advance', cancel: 'cancel'},
				{
					finish: t('cli.verbs.complete'),
					advance: t('cli.verbs.campaignAdvance'),
					cancel: t('cli.verbs.campaignCancel'),
				},
				(record: Campaign, verb) => campaignVerb(record, verb),
			);
		default:
			return [];
	}
};

/**
 * The console's workflow verbs as subcommands of the entity's command, beside `list` and `show`:
 * `crm deal won REF --reason R`, `crm ticket reply REF "text"`, `crm order pay REF`… Each changes the
 * record named as the console's key does and prints it after, as `show` does.
 */
export const recordVerbCommands = (
	command: Command,
	named: RecordEntity,
	context: RecordCommandsContext,
	reading: Reading,
): void => {
	for (const spec of verbsOf(named)) {
		const verb = command
			.command(spec.name)
			.description(spec.description)
			.argument('<ref>', t(named.nameField === null ? 'cli.records.refById' : 'cli.records.ref'));
		for (const [name, description] of spec.arguments ?? []) verb.argument(name, description);
		if (spec.reason) verb.option('--reason <reason>', t('cli.verbs.reason'));
		verb
			.option('--if-version <n>', t('cli.verbs.ifVersion'), count)
			.option('--operator <name>', t('cli.options.operatorChange'))
			.option('--readonly', t('cli.options.readonlyRefuses'))
			.option('--data <path>', t('cli.options.data'))
			.option('--json', t('cli.records.json'))
			.option('--csv', t('cli.records.csv'))
			.option('--table', t('cli.records.table'))
			.option('--fields <a,b,c>', t('cli.records.fields'))
			.action(async (ref: string, ...rest: unknown[]) => {
				const words = rest.slice(0, -2) as string[];
				const options = rest.at(-2) as CliVerbOptions;
				// Loaded when a verb runs: the store's writing costs other commands nothing.
				const verbs = await import('../commands/records/record-verbs.js');
				const {operatorFor} = await import('./operator.js');
				await reading(context, options, async (file, to) => {
					const plan = spec.plan(words, options);
					const operator = await operatorFor(file, options.operator);
					return verbs.runRecordVerb(file, named, ref, plan, {...options, operator}, to);
				});
			});
	}
};
