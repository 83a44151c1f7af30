export { feedbackDocument } from './feedback-document.ts';
export type { Content, DocDefinition } from './pdf-layout.ts';
