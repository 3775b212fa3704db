"""Trợ lý thi đua, khen thưởng: the question-answering core and its faces."""
