"""The Telegram face: thin handlers over the question-answering core."""
