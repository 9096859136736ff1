import {afterEach, describe, expect, test} from 'vitest';
import {setLanguage} from '../../source/i18n/i18n.js';
import {parseDataset} from '../../source/store/dataset-codec.js';
import {customer, datasetOf} from '../support/fixtures.js';

/** Words one area hands to another's sentence: in Chinese, no English inside them (issue 19). */
afterEach(() => setLanguage('en'));

describe('a data file field of the wrong kind', () => {
	test('names the kind in Chinese words, not zod’s type name', () => {
		setLanguage('zh-CN');
		const text = JSON.stringify(datasetOf({customers: [customer({name: 'Ada'})]})).replace('"name":"Ada"', '"name":42');
		let message = '';
		try {
			parseDataset('crm.json', text);
		} catch (error) {
			message = (error as Error).message;
		}
		expect(message).toContain('字段 "name" 必须是文本（实际为 42）');
		expect(message).not.toMatch(/string/);
	});
});
