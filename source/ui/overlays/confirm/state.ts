// A yes/no question in the status bar's place, before anything destructive;
// `action` is what yes does (the app's to run).
export interface ConfirmState<A> {
	question: string;
	action: A;
}
