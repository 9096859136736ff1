/** English words of the assessment: KPI labels, alerts, recommended actions, periods, drill-downs, the requirements checklist, the survey, and `crm report`. */
export const assess = {} as const;
