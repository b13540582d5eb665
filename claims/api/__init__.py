"""The claims part of REST API v1: serializers in serializers.py, views in views.py."""
