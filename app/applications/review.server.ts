// Reading applications for staff moved to app/review/queue.server.ts (issue 10); deciding to
// app/review/decisions.server.ts; the money after the award to app/grants/ (issue 11).
export {
  staffScope,
  reviewerAreas,
  listForStaff,
  getForStaff,
  getAttachmentForStaff,
} from '#app/review/queue.server.ts'
