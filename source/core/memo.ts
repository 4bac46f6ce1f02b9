// A bounded string-keyed memo: many records share a few thousand dates, tags
// or names, so a value worked out once per distinct string saves the rest.
export function memoByString<T>(fn: (s: string) => T, max = 100_000): (s: string) => T {
	const cache = new Map<string, T>();
	return (s) => {
		let v = cache.get(s);
		if (v === undefined) {
			v = fn(s);
			if (cache.size >= max) cache.clear();
			cache.set(s, v);
		}
		return v;
	};
}
