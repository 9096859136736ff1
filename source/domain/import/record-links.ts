import {t} from '../../i18n/i18n.js';
import type {AnyStoredRecord} from '../dataset.js';
import {entitySingular} from '../dataset.js';
import type {CsvRow} from './csv-table.js';
import type {Lookups} from './import-lookups.js';
import type {ImportTarget} from './import-mapping.js';
import {cell} from './import-rows.js';

/**
 * The campaign that acquired a customer or deal, and the deal an order follows, found by the
 * mapping's lookups into `values`. An empty cell names none (most customers came otherwise), a key
 * not found is warned about; a campaign never replaces the one that acquired a record (KPI.md
 * *acquired by*: sending a campaign to an existing customer does not change it).
 */
export const linkCampaignAndDeal = (
	target: ImportTarget,
	lookups: Lookups,
	row: CsvRow,
	values: Record<string, unknown>,
	existing: AnyStoredRecord | undefined,
	warn: (message: string) => void,
): void => {
	const {campaign, opportunity} = target;
	const campaignKey = campaign ? cell(row, campaign.column) : '';
	if (campaign && campaignKey !== '') {
		const found = lookups.campaign(campaign.by, campaignKey);
		const had = (existing as {campaignId?: string} | undefined)?.campaignId;
		if (!found) warn(t('domain.import.noCampaign', {by: campaign.by, key: campaignKey}));
		else if (had && had !== found)
			warn(t('domain.import.campaignKept', {key: campaignKey, entity: entitySingular[target.entity]}));
		else values['campaignId'] = found;
	}
	const dealKey = opportunity ? cell(row, opportunity.column) : '';
	if (opportunity && dealKey !== '') {
		const found = lookups.opportunity(opportunity.by, dealKey);
		if (found) values['opportunityId'] = found;
		else warn(t('domain.import.noDeal', {by: opportunity.by, key: dealKey}));
	}
};
