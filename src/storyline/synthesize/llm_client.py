"""A minimal client for any OpenAI-compatible chat endpoint (llama.cpp server, Ollama, vLLM).

Only `POST …/v1/chat/completions` is used, so any server that speaks that one call works.
httpx comes with the `llm` extra; it is imported when a request is made.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Any

API_KEY_VARIABLE = "STORYLINE_LLM_API_KEY"
_COMPLETIONS = "/chat/completions"


class LlmError(RuntimeError):
    """The endpoint could not be reached or answered something that is not a completion."""


@dataclass(frozen=True, slots=True)
class LlmSettings:
    url: str
    model: str
    timeout_seconds: float = 120.0
    temperature: float = 0.2

    @property
    def endpoint(self) -> str:
        """The chat-completions URL, whether the user gave the server, its /v1 or the call."""
        base = self.url.rstrip("/")
        if base.endswith(_COMPLETIONS):
            return base
        if base.endswith("/v1"):
            return base + _COMPLETIONS
        return base + "/v1" + _COMPLETIONS


def httpx_available() -> bool:
    try:
        import httpx  # noqa: F401
    except ImportError:
        return False
    return True


def chat(settings: LlmSettings, messages: list[dict[str, str]], max_tokens: int) -> str:
    """The text of the first choice the endpoint returns; raises `LlmError` for any failure."""
    try:
        import httpx
    except ImportError as error:
        raise LlmError("the abstractive mode needs httpx: pip install 'storyline[llm]'") from error
    headers = {"Content-Type": "application/json"}
    key = os.environ.get(API_KEY_VARIABLE)
    if key:
        headers["Authorization"] = f"Bearer {key}"
    body: dict[str, Any] = {
        "model": settings.model,
        "messages": messages,
        "temperature": settings.temperature,
        "max_tokens": max_tokens,
        "stream": False,
    }
    try:
        response = httpx.post(
            settings.endpoint, json=body, headers=headers, timeout=settings.timeout_seconds
        )
        response.raise_for_status()
        answer = response.json()
    except (httpx.HTTPError, ValueError) as error:
        raise LlmError(f"{settings.endpoint}: {error}") from error
    try:
        content = answer["choices"][0]["message"]["content"]
    except (KeyError, IndexError, TypeError) as error:
        raise LlmError(f"{settings.endpoint}: not a chat completion") from error
    if not isinstance(content, str) or not content.strip():
        raise LlmError(f"{settings.endpoint}: empty completion")
    return content
