/** What a task is for (docs/casework.md): a fixed list, labelled in Dutch and English by the labels endpoint. */
export const TASK_KINDS = ['reassessment', 'call_back', 'check_right_decision', 'follow_up_referral', 'other'] as const;
export type TaskKind = (typeof TASK_KINDS)[number];

export const TASK_STATUSES = ['open', 'completed', 'cancelled'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

/** The longest a task may be planned ahead: "re-assessment after N months" with N up to this. */
export const MAX_TASK_MONTHS = 36;
