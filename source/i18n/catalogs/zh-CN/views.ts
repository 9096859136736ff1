import type {Catalog} from '../../catalog.js';

/** Simplified Chinese words of the panels: assessment view, import view, board, overlays, charts. */
export const views: Catalog['views'] = {};
