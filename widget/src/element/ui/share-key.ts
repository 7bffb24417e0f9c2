/** What marks a share link's fragment (ui/share.ts reads and writes the rest). */
export const SHARE_KEY = 'clinic-compare='
