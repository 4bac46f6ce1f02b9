// GDELT gives places' countries as FIPS 10-4 codes, which are not ISO 3166-1:
// TI is Tajikistan (ISO TJ; ISO's TI does not exist), TX Turkmenistan (TM), CH
// China (CN; ISO's CH is Switzerland), RS Russia (RU; ISO's RS is Serbia), IZ
// Iraq, TU Turkey (ISO's TU does not exist; Turkey is TR), UK the United Kingdom
// (GB). Reading one as the other puts events in the wrong country, so every
// code goes through this table, and one not in it is not guessed.

/** FIPS 10-4 → ISO 3166-1 alpha-2: the region, its neighbours, and the states most often party to its events. */
export const FIPS_TO_ISO: Readonly<Record<string, string>> = {
	// The region.
	AF: 'AF', // Afghanistan
	PK: 'PK', // Pakistan
	IR: 'IR', // Iran
	TI: 'TJ', // Tajikistan
	UZ: 'UZ', // Uzbekistan
	TX: 'TM', // Turkmenistan
	KG: 'KG', // Kyrgyzstan
	KZ: 'KZ', // Kazakhstan
	IN: 'IN', // India
	// Neighbours.
	CH: 'CN', // China
	RS: 'RU', // Russia
	IZ: 'IQ', // Iraq
	SY: 'SY', // Syria
	TU: 'TR', // Turkey
	AJ: 'AZ', // Azerbaijan
	AM: 'AM', // Armenia
	GG: 'GE', // Georgia
	MG: 'MN', // Mongolia
	BG: 'BD', // Bangladesh
	NP: 'NP', // Nepal
	BT: 'BT', // Bhutan
	CE: 'LK', // Sri Lanka
	MV: 'MV', // Maldives
	BM: 'MM', // Burma
	// The Gulf and the Levant.
	SA: 'SA', // Saudi Arabia
	AE: 'AE', // United Arab Emirates
	QA: 'QA', // Qatar
	BA: 'BH', // Bahrain
	KU: 'KW', // Kuwait
	MU: 'OM', // Oman
	YM: 'YE', // Yemen
	JO: 'JO', // Jordan
	LE: 'LB', // Lebanon
	IS: 'IL', // Israel
	GZ: 'PS', // Gaza Strip
	WE: 'PS', // West Bank
	EG: 'EG', // Egypt
	// States often party to the region's events.
	US: 'US', // United States
	UK: 'GB', // United Kingdom
	FR: 'FR', // France
	GM: 'DE', // Germany
	UP: 'UA', // Ukraine
	JA: 'JP', // Japan
};
