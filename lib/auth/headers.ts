/** Sign-up requests carry an invitation link's token in this header; it lets the account in when sign-up is invite-only. */
export const INVITATION_HEADER = "x-switchboard-invitation";
