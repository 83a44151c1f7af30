export { feedbackDocument } from './feedback-document.ts';
// #11 E
export { yearlyReportDocument } from './yearly-report-document.ts';
export type { Content, DocDefinition } from './pdf-layout.ts';
