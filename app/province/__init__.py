"""The province hub: an ASGI service that takes in the desks' changes and hands back the commune's."""
