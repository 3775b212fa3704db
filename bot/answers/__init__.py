"""Question in, sourced answer out: question analysis, the answer service, fact answers, the
optional LLM writer, chat history, evaluation.
"""
