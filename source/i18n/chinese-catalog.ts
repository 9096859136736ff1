import type {Catalog} from './catalog.js';
import {zhCN} from './catalogs/zh-CN.js';

/**
 * The Chinese words, for i18n.ts to add once Chinese is spoken. Here they are the catalog as written;
 * the console's bundle replaces this module with one holding them as a JSON string, parsed on the first
 * call (scripts/bundle-plugins.mjs, `lazyChineseCatalog`): an English start does not build them (issue 23).
 */
export const chineseCatalog = (): Catalog => zhCN;
