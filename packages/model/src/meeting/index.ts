export * from './agenda.ts';
export * from './comments.ts';
export * from './meeting.ts';
export * from './view.ts';
export * from './frame.ts';
