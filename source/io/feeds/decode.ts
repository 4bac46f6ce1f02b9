// Bytes from a server into text: the charset its Content-Type names, else the
// one an XML declaration or an HTML meta names, else UTF-8 (a BOM wins).
const DECLARED = /^\s*<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9._-]+)["']/;
const META = /<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9._-]+)/i;

function decoderFor(label: string | undefined): TextDecoder | undefined {
	if (!label) return undefined;
	try {
		return new TextDecoder(label.trim().toLowerCase());
	} catch {
		return undefined;
	}
}

export function decodeText(body: Buffer, contentType?: string): string {
	if (body[0] === 0xef && body[1] === 0xbb && body[2] === 0xbf) return new TextDecoder('utf-8').decode(body);
	if ((body[0] === 0xff && body[1] === 0xfe) || (body[0] === 0xfe && body[1] === 0xff)) {
		return new TextDecoder(body[0] === 0xff ? 'utf-16le' : 'utf-16be').decode(body);
	}
	const fromHeader = /charset\s*=\s*"?([A-Za-z0-9._-]+)/i.exec(contentType ?? '')?.[1];
	const head = body.subarray(0, 1024).toString('latin1');
	const declared = DECLARED.exec(head)?.[1] ?? META.exec(head)?.[1];
	const decoder = decoderFor(fromHeader) ?? decoderFor(declared) ?? new TextDecoder('utf-8');
	return decoder.decode(body);
}
