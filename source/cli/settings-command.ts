import type {Command} from 'commander';
import {runSettings, type SettingsRequest} from '../commands/settings.js';
import {t} from '../i18n/i18n.js';
import {operatorFor} from './operator.js';
import {reportKnownErrors, say} from './words.js';

type Options = {data?: string; operator?: string; readonly?: boolean};

/** What `crm settings` needs of the program: where the data is, and the --readonly refusal every writing command shares. */
export type SettingsCommandContext = {
	dataFileFrom: (flag: string | undefined) => Promise<string>;
	refuseIfReadonly: (options: {readonly?: boolean}, what: string) => void;
};

const withCommonOptions = (command: Command): Command =>
	command
		.option('--data <path>', t('cli.options.data'))
		.option('--operator <name>', t('cli.options.operatorChange'))
		.option('--readonly', t('cli.settings.readonly'));

/**
 * `crm settings`: the base currency, the rates and the product catalogue (KPI.md *Money*), shown to
 * anyone and changed by an admin, logged through the store like every change of the settings.
 */
export const settingsCommand = (program: Command, context: SettingsCommandContext): void => {
	const run = (request: SettingsRequest, options: Options) =>
		reportKnownErrors(async () => {
			if (request.action !== 'show' && request.action !== 'product-list' && request.action !== 'costs')
				context.refuseIfReadonly(options, t('cli.settings.readonlyWhat'));
			const file = await context.dataFileFrom(options.data);
			say(await runSettings(file, request, await operatorFor(file, options.operator)));
		});
	const settings = program.command('settings').description(t('cli.settings.description'));
	withCommonOptions(settings.command('show', {isDefault: true}).description(t('cli.settings.show'))).action(
		(options: Options) => run({action: 'show'}, options),
	);
	withCommonOptions(
		settings
			.command('base')
			.description(t('cli.settings.base'))
			.argument('<currency>', t('cli.settings.baseCurrency'))
			.option('--drop-rates', t('cli.settings.dropRates')),
	).action((currency: string, options: Options & {dropRates?: boolean}) =>
		run({action: 'base', currency, dropRates: options.dropRates}, options),
	);
	withCommonOptions(
		settings
			.command('rate')
			.description(t('cli.settings.rate'))
			.argument('<currency>', t('cli.settings.rateCurrency'))
			.argument('[rate]', t('cli.settings.rateValue'))
			.option('--remove', t('cli.settings.rateRemove')),
	).action((currency: string, rate: string | undefined, options: Options & {remove?: boolean}) =>
		run({action: 'rate', currency, rate, remove: options.remove}, options),
	);
	const product = settings.command('product').description(t('cli.settings.product'));
	withCommonOptions(product.command('list', {isDefault: true}).description(t('cli.settings.productList'))).action(
		(options: Options) => run({action: 'product-list'}, options),
	);
	withCommonOptions(
		product
			.command('add')
			.description(t('cli.settings.productAdd'))
			.argument('<name>', t('cli.settings.productName'))
			.argument('<price>', t('cli.settings.productPrice'))
			.argument('<currency>', t('cli.settings.productCurrency')),
	).action((name: string, price: string, currency: string, options: Options) =>
		run({action: 'product-add', name, price, currency}, options),
	);
	withCommonOptions(
		product
			.command('remove')
			.description(t('cli.settings.productRemove'))
			.argument('<name>', t('cli.settings.productRemoveName')),
	).action((name: string, options: Options) => run({action: 'product-remove', name}, options));
	costCommands(settings, run);
};

/** `crm settings costs` and `crm settings cost add|remove`: what the CRM costs, by category (KPI.md *Return on investment*). */
const costCommands = (settings: Command, run: (request: SettingsRequest, options: Options) => Promise<void>) => {
	withCommonOptions(settings.command('costs').description(t('cli.settings.costs'))).action((options: Options) =>
		run({action: 'costs'}, options),
	);
	const cost = settings.command('cost').description(t('cli.settings.cost'));
	withCommonOptions(cost.command('list', {isDefault: true}).description(t('cli.settings.costList'))).action(
		(options: Options) => run({action: 'costs'}, options),
	);
	withCommonOptions(
		cost
			.command('add')
			.description(t('cli.settings.costAdd'))
			.argument('<cost>', t('cli.settings.costAddArgument'))
			.option('--monthly', t('cli.settings.costMonthly')),
	).action((text: string, options: Options & {monthly?: boolean}) =>
		run({action: 'cost-add', text, monthly: options.monthly}, options),
	);
	withCommonOptions(
		cost
			.command('remove')
			.description(t('cli.settings.costRemove'))
			.argument('<number>', t('cli.settings.costRemoveNumber')),
	).action((number: string, options: Options) => run({action: 'cost-remove', number}, options));
};
