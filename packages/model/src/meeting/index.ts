export * from './agenda.ts';
export * from './comments.ts';
export * from './meeting.ts';
export * from './pages.ts';
export * from './split.ts';
export * from './view.ts';
export * from './frame.ts';
