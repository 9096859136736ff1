/** The start-up baseline of `npm run bench`: the smallest full-screen Ink app, bundled like crm. */
import {Box, render, Text, useApp, useInput} from 'ink';

function Hello() {
	const {exit} = useApp();
	useInput((input) => {
		if (input === 'q') exit();
	});
	return (
		<Box borderStyle="round">
			<Text>hello from a minimal Ink app</Text>
		</Box>
	);
}

delete process.env['CI'];
render(<Hello />);
