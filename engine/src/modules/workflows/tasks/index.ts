/**
 * Tasks: the projection of the runtime's open user tasks, the approval API, the timeline and
 * reminders. Only the Nest module is public; nothing else in workflows reads tasks directly.
 */
export { TasksModule } from './tasks.module';
